package dev.srt.ir;

/** Allow or deny: the effect of a filesystem or network rule. */
public enum Effect {
    ALLOW, DENY;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
