package dev.srt.ir;

/** {@code allow unix PATH} or, with a null path, {@code allow unix all}. */
public record UnixSocketRule(PathPattern path, String because, Span span) implements Comparable<UnixSocketRule> {
    public boolean all() {
        return path == null;
    }

    @Override
    public int compareTo(UnixSocketRule o) {
        if (all() != o.all()) return all() ? -1 : 1;
        int c = all() ? 0 : path.compareTo(o.path);
        return c != 0 ? c : span.compareTo(o.span);
    }

    public String render() {
        return all() ? "allow unix all" : "allow unix \"" + path.text() + "\"";
    }
}
