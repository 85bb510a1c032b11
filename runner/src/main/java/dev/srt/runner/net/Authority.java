package dev.srt.runner.net;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code host[:port]} as a client writes it in a CONNECT target or an absolute-form URI
 * (RFC 9112 section 3.2), with IPv6 literals in brackets. The host is kept as written; the
 * decider canonicalises it.
 */
record Authority(String host, int port) {
    /** Parses {@code host:port}, {@code [v6]:port}, or without a port when {@code defaultPort} > 0. */
    static Optional<Authority> parse(String text, int defaultPort) {
        if (text == null || text.isEmpty()) return Optional.empty();
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) return Optional.empty();
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) return Optional.empty();
                portText = rest.substring(1);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                if (text.indexOf(':') != colon) return Optional.empty();
                host = text.substring(0, colon);
                portText = text.substring(colon + 1);
            } else {
                host = text;
            }
        }
        int port = defaultPort;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5) return Optional.empty();
            for (int i = 0; i < portText.length(); i++) if (!Character.isDigit(portText.charAt(i))) return Optional.empty();
            port = Integer.parseInt(portText);
        }
        if (host.isEmpty() || port < 1 || port > 65535) return Optional.empty();
        return Optional.of(new Authority(host, port));
    }

    /** An absolute-form {@code http://authority/path?query} URI: its authority and origin-form path. */
    record Target(Authority authority, String originForm) {
    }

    static Optional<Target> parseAbsolute(String uri) {
        if (uri == null || uri.length() < 8 || !uri.substring(0, 7).toLowerCase(Locale.ROOT).equals("http://")) {
            return Optional.empty();
        }
        int start = 7;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) end++;
        String auth = uri.substring(start, end);
        if (auth.indexOf('@') >= 0) return Optional.empty(); // userinfo is deprecated (RFC 9110 4.2.4) and confusing
        String path = end < uri.length() ? uri.substring(end) : "/";
        int hash = path.indexOf('#');
        if (hash >= 0) path = path.substring(0, hash);
        if (path.startsWith("?")) path = "/" + path;
        if (path.isEmpty()) path = "/";
        String p = path;
        return parse(auth, 80).map(a -> new Target(a, p));
    }

    String render() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
