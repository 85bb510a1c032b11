package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing CONNECT targets and absolute-form URIs; hop-by-hop header removal. */
class AuthorityTest {
    @Test
    void connectTargets() {
        assertEquals(Optional.of(new Authority("example.com", 443)), Authority.parse("example.com:443", 0));
        assertEquals(Optional.of(new Authority("::1", 8080)), Authority.parse("[::1]:8080", 0));
        assertEquals(Optional.empty(), Authority.parse("example.com", 0));
        assertEquals(Optional.empty(), Authority.parse("::1:80", 0));
        assertEquals(Optional.empty(), Authority.parse("example.com:0", 0));
        assertEquals(Optional.empty(), Authority.parse("example.com:65536", 0));
        assertEquals(Optional.empty(), Authority.parse("example.com:+80", 0));
        assertEquals(Optional.empty(), Authority.parse("[::1]x:80", 0));
    }

    @Test
    void absoluteForm() {
        Authority.Target t = Authority.parseAbsolute("http://Example.com:8080/a/b?c=d#frag").orElseThrow();
        assertEquals(new Authority("Example.com", 8080), t.authority());
        assertEquals("/a/b?c=d", t.originForm());
        assertEquals("/", Authority.parseAbsolute("http://example.com").orElseThrow().originForm());
        assertEquals("/?q", Authority.parseAbsolute("HTTP://example.com?q").orElseThrow().originForm());
        assertEquals(80, Authority.parseAbsolute("http://[::1]/").orElseThrow().authority().port());
        assertEquals(Optional.empty(), Authority.parseAbsolute("https://example.com/"));
        assertEquals(Optional.empty(), Authority.parseAbsolute("/relative"));
        assertEquals(Optional.empty(), Authority.parseAbsolute("http://user:pw@example.com/"));
    }

    @Test
    void hopByHopFieldsGo() {
        HttpHeaders h = new DefaultHttpHeaders();
        h.add("Connection", "close, X-A");
        h.add("X-A", "1");
        h.add("Keep-Alive", "5");
        h.add("Proxy-Connection", "keep-alive");
        h.add("Proxy-Authorization", "Basic x");
        h.add("TE", "trailers");
        h.add("Upgrade", "h2c");
        h.add("Transfer-Encoding", "gzip, chunked");
        h.add("Trailer", "X-Checksum");
        h.add("X-B", "2");
        assertEquals(true, HopByHop.strip(h));
        assertEquals(2, h.size());
        assertEquals("2", h.get("X-B"));
        assertEquals("X-Checksum", h.get("Trailer"));
    }
}
