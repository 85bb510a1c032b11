package dev.srt.ir;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Host canonicalisation used by the compiler, the evaluator and the proxies alike, so that a
 * name or address is compared in one form everywhere: names lower case, punycode, no trailing
 * dot; IPv4 literals in every form inet_aton(3) accepts ({@code 127.1}, {@code 2130706433},
 * {@code 0177.0.0.1}, {@code 0x7f.1}) as dotted quads; IPv6 literals compressed, and
 * IPv4-mapped IPv6 addresses as the IPv4 address they carry.
 */
public final class Hosts {
    private Hosts() {
    }

    /** A canonical host: either an address (dotted quad / compressed IPv6) or a name. */
    public record Canonical(String text, byte[] address) {
        public boolean isAddress() {
            return address != null;
        }
    }

    /** Canonical form of a host as a client may spell it, or empty when it is not a valid host. */
    public static Optional<Canonical> canonical(String host) {
        if (host == null) return Optional.empty();
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.isEmpty()) return Optional.empty();
        // A trailing dot does not stop a resolver reading "127.0.0.1." as an address.
        String bare = h.endsWith(".") && h.length() > 1 ? h.substring(0, h.length() - 1) : h;
        byte[] v4 = parseIpv4(bare);
        if (v4 != null) return Optional.of(new Canonical(formatV4(v4), v4));
        if (h.indexOf(':') >= 0) {
            byte[] v6 = parseIpv6(h);
            if (v6 == null) return Optional.empty();
            if (isV4Mapped(v6)) {
                byte[] a = new byte[] {v6[12], v6[13], v6[14], v6[15]};
                return Optional.of(new Canonical(formatV4(a), a));
            }
            return Optional.of(new Canonical(formatV6(v6), v6));
        }
        return canonicalName(h).map(n -> new Canonical(n, null));
    }

    /** A host name in canonical form, or empty when it is not a valid DNS name. */
    public static Optional<String> canonicalName(String name) {
        String n = name;
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.isEmpty() || n.length() > 253) return Optional.empty();
        if (isAscii(n)) {
            // RFC 3490 ToASCII leaves an all-ASCII label as it is (steps 1-3 apply to non-ASCII
            // only; its length limits are checked below), so java.net.IDN, whose tables cost
            // about 10 ms to load at srt's start, is needed only for international names.
            // HostsAsciiProperties holds this against IDN.
            n = n.toLowerCase(Locale.ROOT);
        } else {
            try {
                n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return asciiName(n);
    }

    /** The label checks of {@link #canonicalName} on a name already in lower-case ASCII form. */
    static Optional<String> asciiName(String n) {
        String[] labels = n.split("\\.", -1);
        // "Ends in a number" (WHATWG URL host parsing): such a name is an IPv4 literal to browsers
        // and some resolvers, never a DNS name, so it is not a valid name either.
        if (endsInNumber(labels[labels.length - 1])) return Optional.empty();
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) return Optional.empty();
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) return Optional.empty();
            }
            if (label.startsWith("-") || label.endsWith("-")) return Optional.empty();
        }
        return Optional.of(n);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    private static boolean endsInNumber(String label) {
        if (label.isEmpty()) return false;
        if (label.startsWith("0x")) {
            for (int i = 2; i < label.length(); i++) if (Character.digit(label.charAt(i), 16) < 0) return false;
            return true;
        }
        for (int i = 0; i < label.length(); i++) if (!Character.isDigit(label.charAt(i))) return false;
        return true;
    }

    /** inet_aton(3) rules: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x). */
    public static byte[] parseIpv4(String s) {
        if (s.isEmpty() || s.endsWith(".")) return null;
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) return null;
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long p = parsePart(parts[i]);
            if (p == null) return null;
            v[i] = p;
        }
        long value;
        switch (parts.length) {
            case 1:
                value = v[0];
                if (value > 0xFFFFFFFFL) return null;
                break;
            case 2:
                if (v[0] > 255 || v[1] > 0xFFFFFF) return null;
                value = (v[0] << 24) | v[1];
                break;
            case 3:
                if (v[0] > 255 || v[1] > 255 || v[2] > 0xFFFF) return null;
                value = (v[0] << 24) | (v[1] << 16) | v[2];
                break;
            default:
                for (long x : v) if (x > 255) return null;
                value = (v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3];
        }
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static Long parsePart(String p) {
        if (p.isEmpty()) return null;
        int radix = 10;
        String digits = p;
        if (p.length() > 1 && (p.startsWith("0x") || p.startsWith("0X"))) {
            radix = 16;
            digits = p.substring(2);
            if (digits.isEmpty()) return 0L;
        } else if (p.length() > 1 && p.startsWith("0")) {
            radix = 8;
            digits = p.substring(1);
        }
        if (digits.length() > 12) return null;
        for (int i = 0; i < digits.length(); i++) if (Character.digit(digits.charAt(i), radix) < 0) return null;
        return Long.parseLong(digits, radix);
    }

    public static byte[] parseIpv6(String s) {
        String h = s;
        int pct = h.indexOf('%');
        if (pct >= 0) return null;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return null;
        }
        try {
            InetAddress a = InetAddress.getByName("[" + h + "]");
            if (a instanceof Inet6Address) return a.getAddress();
            if (a instanceof Inet4Address) {
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, m, 12, 4);
                return m;
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    public static String formatV4(byte[] a) {
        return (a[0] & 255) + "." + (a[1] & 255) + "." + (a[2] & 255) + "." + (a[3] & 255);
    }

    /** RFC 5952 text form: lower case, longest run of zero groups compressed. */
    public static String formatV6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[2 * i] & 255) << 8) | (a[2 * i + 1] & 255);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    /** True when {@code addr} lies inside {@code network/prefix} (same family). */
    public static boolean inRange(byte[] addr, byte[] network, int prefix) {
        if (addr.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) if (addr[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (addr[full] & mask) == (network[full] & mask);
    }

    /** The address bytes of a canonical address text (as produced by {@link #canonical}). */
    public static byte[] addressBytes(String canonicalAddress) {
        return canonical(canonicalAddress).map(Canonical::address)
            .orElseThrow(() -> new IllegalArgumentException("not an address: " + canonicalAddress));
    }
}
