package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-run secret: 128 random bits, never repeated, checked exactly. */
class ProxyAuthTest {
    @Test
    void secretsAreFreshAndFullLength() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String s = ProxyAuth.random().secret();
            assertTrue(s.matches("[0-9a-f]{32}"), s);
            assertTrue(seen.add(s), "repeated secret " + s);
        }
    }

    @Test
    void onlyTheExactSecretPasses() {
        ProxyAuth a = ProxyAuth.random();
        assertTrue(a.checkPassword(a.secret()));
        assertFalse(a.checkPassword(a.secret().substring(1)));
        assertFalse(a.checkPassword(a.secret() + "0"));
        assertFalse(a.checkPassword(null));
        assertEquals(16, ProxyAuth.randomBytes(16).length);
    }
}
