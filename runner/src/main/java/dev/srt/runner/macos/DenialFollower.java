package dev.srt.runner.macos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the unified log for one run: starts the follower process ({@link LogStreamCommand}),
 * reads its lines on a daemon thread and hands each violation (parsed, mapped, not ignored) to
 * the sink. Start it before the sandboxed command; close it after the command ended, with a
 * short grace period because the log delivers denials a little after they happen.
 */
public final class DenialFollower implements AutoCloseable {
    private final Process process;
    private final Thread reader;

    private DenialFollower(Process process, Thread reader) {
        this.process = process;
        this.reader = reader;
    }

    public static DenialFollower start(List<String> argv, DenialParser parser, ViolationMapper mapper, Consumer<Violation> sink)
        throws IOException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    parser.parse(line).flatMap(mapper::map).ifPresent(sink);
                }
            } catch (IOException e) {
                // the follower was stopped: nothing more to read
            }
        }, "srt-macos-log");
        t.setDaemon(true);
        t.start();
        return new DenialFollower(p, t);
    }

    /** True while the follower process runs. */
    public boolean running() {
        return process.isAlive();
    }

    /** Waits until the follower process ends by itself and every line it wrote was handled. */
    public void awaitEnd() throws InterruptedException {
        process.waitFor();
        reader.join();
    }

    /** Gives late denials {@code grace} to arrive, then stops the follower and waits for its reader. */
    public void close(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** Stops the follower now (no grace period); an interrupt is kept for the caller. */
    @Override
    public void close() {
        try {
            close(Duration.ZERO);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
