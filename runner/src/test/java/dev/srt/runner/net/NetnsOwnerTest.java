package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where JNA may unpack its native library: in the run's private directory, unless the file
 * system holding it is mounted noexec (dlopen would fail there), read from mountinfo (proc(5)).
 */
class NetnsOwnerTest {
    static final List<String> MOUNTINFO = List.of(
        "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw",
        "40 27 0:40 / /tmp rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw",
        "41 40 0:41 / /tmp/exec rw,relatime - tmpfs tmpfs rw",
        "42 27 0:42 / /var/tmp\\040dir rw,noexec - tmpfs tmpfs rw",
        "43 27 0:43 / /srv rw,noexec - tmpfs tmpfs rw",
        "44 27 0:44 / /srv rw,relatime - tmpfs tmpfs rw",
        "45 27 0:45 / /data rw,relatime - tmpfs tmpfs rw");

    @ParameterizedTest(name = "{0} noexec={1}")
    @CsvSource({
        "/tmp/srt-0/run-1, true",      // the mount it is in says noexec
        "/tmp, true",
        "/tmp/exec/srt-0, false",      // a mount inside a noexec one
        "/tmpfoo/srt-0, false",        // only a path prefix of /tmp, on /
        "'/var/tmp dir/srt-0', true",  // \040 is a space in mountinfo
        "/srv/srt-0, false",           // mounted over: the last mount counts
        "/data/srt-0, false",
        "/home/u/srt-0, false"})
    void noexecFromMountinfo(String dir, boolean noexec) {
        assertEquals(noexec, NetnsOwner.noexec(Path.of(dir), MOUNTINFO));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/tmp/x", "/"})
    void unknownMountsKeepJnaDefault(String dir) {
        assertEquals(true, NetnsOwner.noexec(Path.of(dir), List.of("garbage")));
    }
}
