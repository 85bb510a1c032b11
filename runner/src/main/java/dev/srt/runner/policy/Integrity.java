package dev.srt.runner.policy;

import dev.srt.artifact.ArtifactException;
import dev.srt.artifact.ArtifactFormat;
import dev.srt.runner.SrtException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The whole-file checksum of a compiled.bin, verified on a background thread: setting up the
 * JDK's SHA-256 costs about 15 ms, which overlaps the sandbox planning instead of preceding it.
 * The runner calls {@link #await} before it starts anything the policy governs, and reports a
 * mismatch in preference to any other error the damaged content caused meanwhile.
 */
public final class Integrity {
    /** A policy that needs no checksum (compiled in this process, or embedded in srt's own jar). */
    public static final Integrity TRUSTED = new Integrity(null, "");

    private final FutureTask<String> check;
    private final String origin;

    private Integrity(FutureTask<String> check, String origin) {
        this.check = check;
        this.origin = origin;
    }

    /** Starts verifying {@code data}, a container whose header was accepted. */
    public static Integrity verifyInBackground(byte[] data, String origin) {
        FutureTask<String> task = new FutureTask<>(new Check(data));
        Thread t = new Thread(task, "srt-checksum");
        t.setDaemon(true);
        t.start();
        return new Integrity(task, origin);
    }

    /** The check itself; a class, not a lambda, which would cost start-up time. */
    private static final class Check implements java.util.concurrent.Callable<String> {
        private final byte[] data;

        Check(byte[] data) {
            this.data = data;
        }

        @Override
        public String call() {
            try {
                ArtifactFormat.verifyChecksum(data);
                return null;
            } catch (ArtifactException e) {
                return CompiledPolicyReader.message(e);
            }
        }
    }

    /** Waits for the result: the one-line reason the file must be refused, or null when it is intact. */
    public String failure() {
        if (check == null) return null;
        try {
            String m = check.get();
            return m == null ? null : origin + ": " + m;
        } catch (ExecutionException e) {
            return origin + ": cannot verify the checksum: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return origin + ": interrupted while verifying the checksum";
        }
    }

    /** Returns when the file is intact; otherwise a {@link SrtException} (exit 125) with the reason. */
    public void await() throws SrtException {
        String m = failure();
        if (m != null) throw new SrtException(m);
    }
}
