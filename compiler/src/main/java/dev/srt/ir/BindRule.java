package dev.srt.ir;

/** {@code allow bind PORT} or, with port 0, {@code allow bind all}: listening on local ports. */
public record BindRule(int port, String because, Span span) implements Comparable<BindRule> {
    @Override
    public int compareTo(BindRule o) {
        int c = Integer.compare(port, o.port);
        return c != 0 ? c : span.compareTo(o.span);
    }

    public String render() {
        return port == 0 ? "allow bind all" : "allow bind " + port;
    }
}
