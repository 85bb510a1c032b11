package dev.srt.runner.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The per-run secret that only the sandboxed environment carries (in its proxy URLs), so a
 * process outside the sandbox that finds the proxy socket still cannot use it. Compared in
 * constant time.
 */
final class ProxyAuth {
    static final String USER = "srt";
    private final byte[] secret;
    private final String text;

    private ProxyAuth(String text) {
        this.text = text;
        this.secret = text.getBytes(StandardCharsets.US_ASCII);
    }

    static ProxyAuth random() {
        return new ProxyAuth(HexFormat.of().formatHex(randomBytes(16)));
    }

    /**
     * From the kernel's CSPRNG (random(4): /dev/urandom, what SecureRandom's NativePRNG reads too)
     * without setting up the JCA providers, which costs start-up time; SecureRandom where there is
     * no /dev/urandom.
     */
    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/dev/urandom"))) {
            if (in.readNBytes(b, 0, n) == n) return b;
        } catch (java.io.IOException | RuntimeException e) {
            // below
        }
        new SecureRandom().nextBytes(b);
        return b;
    }

    String secret() {
        return text;
    }

    /** True for a SOCKS5 username/password (RFC 1929) pair carrying the secret. */
    boolean checkPassword(String password) {
        return password != null && MessageDigest.isEqual(secret, password.getBytes(StandardCharsets.UTF_8));
    }

    /** True for a {@code Proxy-Authorization: Basic base64(user:secret)} header value. */
    boolean checkHeader(String value) {
        if (value == null) return false;
        String v = value.trim();
        if (v.length() < 6 || !v.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(v.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && checkPassword(decoded.substring(colon + 1));
    }
}
