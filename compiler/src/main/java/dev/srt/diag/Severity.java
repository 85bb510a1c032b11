package dev.srt.diag;

/** How serious a diagnostic is; errors stop compilation. */
public enum Severity {
    ERROR, WARNING, NOTE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
