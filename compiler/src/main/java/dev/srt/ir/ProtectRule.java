package dev.srt.ir;

/**
 * A protected path: never writable, whatever write rules say, in every writable tree.
 * Lifted only by an {@code unprotect} of the same pattern.
 */
public record ProtectRule(PathPattern path, Span span) implements Comparable<ProtectRule> {
    @Override
    public int compareTo(ProtectRule o) {
        int c = path.compareTo(o.path);
        return c != 0 ? c : span.compareTo(o.span);
    }

    public String render() {
        return "protect \"" + path.text() + "\"";
    }
}
