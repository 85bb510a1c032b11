package dev.srt.ir;

import java.util.Locale;

/** {@code proxy http|socks "host:port"}: use this proxy instead of srt's own. */
public record ExternalProxy(Kind kind, String host, int port, Span span) implements Comparable<ExternalProxy> {
    public enum Kind {
        HTTP, SOCKS;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public int compareTo(ExternalProxy o) {
        return kind.compareTo(o.kind);
    }

    public String render() {
        return "proxy " + kind.word() + " \"" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "\"";
    }
}
