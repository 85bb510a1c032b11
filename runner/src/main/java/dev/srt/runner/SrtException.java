package dev.srt.runner;

/**
 * A failure of srt itself (not of the command): reported as one line on stderr and exit
 * status 125, 126 or 127, never as a stack trace.
 */
public final class SrtException extends Exception {
    private static final long serialVersionUID = 1L;

    /** srt could not do its job (bad policy, missing bwrap, set-up failure). */
    public static final int FAILED = 125;
    /** The command exists but cannot be run. */
    public static final int NOT_EXECUTABLE = 126;
    /** The command was not found. */
    public static final int NOT_FOUND = 127;

    private final int status;

    public SrtException(String message) {
        this(FAILED, message);
    }

    public SrtException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
