package dev.srt.runner.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The follower's plumbing with a real child process. There is no log(1) on Linux, so cat(1)
 * replays the recorded log stream; everything after the process boundary is the real code.
 */
class DenialFollowerTest {
    @Test
    void everyViolationOfTheRecordedStreamReachesTheSinkOnce() throws Exception {
        List<Violation> got = new CopyOnWriteArrayList<>();
        ViolationMapper mapper = new ViolationMapper(MacTestPolicy.policy(), MacTestPolicy.MAC, "git fetch");
        DenialFollower f = DenialFollower.start(List.of("cat", Path.of("src/test/resources/macos/log-stream-sample.ndjson").toString()),
            new DenialParser(MacTestPolicy.TAG), mapper, got::add);
        f.awaitEnd();
        f.close();
        assertEquals(9, got.size(), "ten denials of this run, one ignored for git: " + got);
        assertEquals("file-read-data /Users/alice/.ssh/id_rsa", got.get(0).target());
    }

    @Test
    void closingStopsAFollowerThatWouldRunForever() throws Exception {
        DenialFollower f = DenialFollower.start(List.of("sleep", "600"), new DenialParser(MacTestPolicy.TAG),
            new ViolationMapper(MacTestPolicy.policy(), MacTestPolicy.MAC, "x"), v -> { });
        org.junit.jupiter.api.Assertions.assertTrue(f.running());
        f.close(java.time.Duration.ZERO);
        org.junit.jupiter.api.Assertions.assertFalse(f.running(), "the follower process is gone");
    }
}
