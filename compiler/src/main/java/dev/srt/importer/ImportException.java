package dev.srt.importer;

/** A settings file that cannot be converted exactly: the JSON pointer and the reason. */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportException(String pointer, String reason) {
        super((pointer.isEmpty() ? "/" : pointer) + ": " + reason);
    }
}
