package dev.srt.ir;

/** {@code allow|deny HOST[:PORT]}; {@code port} 0 means any port. */
public record NetRule(Effect effect, HostPattern host, int port, boolean exact, String because, Span span)
    implements Comparable<NetRule> {
    @Override
    public int compareTo(NetRule o) {
        int c = effect.compareTo(o.effect);
        if (c != 0) return c;
        c = host.render().compareTo(o.host.render());
        if (c != 0) return c;
        c = Integer.compare(port, o.port);
        return c != 0 ? c : span.compareTo(o.span);
    }

    public String target() {
        String h = host.render();
        return port == 0 ? h : h + ":" + port;
    }

    public String render() {
        return effect.word() + " \"" + target() + "\"";
    }
}
