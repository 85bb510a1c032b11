package dev.srt.runner.net;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the hop-by-hop fields a proxy must not forward (RFC 9110 section 7.6.1): Connection
 * and every field it names, Proxy-Connection, Keep-Alive, TE, Transfer-Encoding, Upgrade, and
 * the proxy's own Proxy-Authorization / Proxy-Authenticate. Message framing is redone by the
 * encoder: {@link #strip} reports whether the message was chunked so it can be re-chunked.
 */
final class HopByHop {
    private HopByHop() {
    }

    /** Strips the fields; returns true when Transfer-Encoding ended in chunked. */
    static boolean strip(HttpHeaders h) {
        boolean chunked = false;
        for (String te : h.getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
            if (te.toLowerCase(java.util.Locale.ROOT).trim().endsWith("chunked")) chunked = true;
        }
        List<String> named = new ArrayList<>();
        for (String c : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : c.split(",")) {
                String t = token.trim();
                if (!t.isEmpty()) named.add(t);
            }
        }
        for (String n : named) h.remove(n);
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove("Proxy-Connection");
        h.remove("Keep-Alive");
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.UPGRADE);
        h.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        h.remove(HttpHeaderNames.PROXY_AUTHENTICATE);
        return chunked;
    }
}
