package dev.srt.runner.macos;

import java.time.Instant;

/**
 * One Seatbelt denial read from the unified log: when, which process, the operation (e.g.
 * {@code file-read-data}) and what it acted on (a path, {@code host:port}, a service name),
 * empty when the message names nothing.
 */
public record Denial(Instant time, String process, long pid, String operation, String target) {
    public boolean isFile() {
        return operation.startsWith("file-");
    }
}
