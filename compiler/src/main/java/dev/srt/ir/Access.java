package dev.srt.ir;

/** The kind of filesystem access a rule governs. */
public enum Access {
    READ, WRITE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
