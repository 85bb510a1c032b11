package dev.srt.ir;

/**
 * {@code read|write allow|deny PATH}. {@code exact} demands exact enforcement on every
 * platform; {@code because} is the written justification shown by explain and lint.
 */
public record FsRule(Access access, Effect effect, PathPattern path, boolean exact, String because, Span span)
    implements Comparable<FsRule> {
    @Override
    public int compareTo(FsRule o) {
        int c = access.compareTo(o.access);
        if (c != 0) return c;
        c = path.compareTo(o.path);
        if (c != 0) return c;
        c = effect.compareTo(o.effect);
        return c != 0 ? c : span.compareTo(o.span);
    }

    public String render() {
        return access.word() + " " + effect.word() + " \"" + path.text() + "\"";
    }
}
