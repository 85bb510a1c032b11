package dev.srt.artifact;

/** A compiled.bin that cannot be used, with a one-line reason. */
public final class ArtifactException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArtifactException(String reason) {
        super(reason);
    }
}
