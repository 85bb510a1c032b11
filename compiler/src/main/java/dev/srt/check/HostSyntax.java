package dev.srt.check;

import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;

/**
 * Parses the target of a network rule: {@code name}, {@code *.suffix}, {@code *}, an IPv4
 * literal, {@code [IPv6]}, a CIDR range ({@code 10.0.0.0/8}, {@code [fd00::]/8}), each with an
 * optional {@code :port}.
 */
final class HostSyntax {
    private HostSyntax() {
    }

    /** A parsed target, or an error with help. */
    record Result(HostPattern host, int port, String error, String help) {
        boolean ok() {
            return error == null;
        }

        static Result error(String e, String h) {
            return new Result(null, 0, e, h);
        }
    }

    static Result parse(String raw) {
        String s = raw.trim();
        if (s.isEmpty()) return Result.error("empty host", "write a host such as \"example.com\" or \"example.com:443\"");
        int port = 0;
        String host;
        String prefix = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) return Result.error("missing ] after IPv6 address", "write \"[::1]:8080\"");
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith("/")) {
                int colon = rest.indexOf(':');
                prefix = colon < 0 ? rest.substring(1) : rest.substring(1, colon);
                rest = colon < 0 ? "" : rest.substring(colon);
            }
            if (rest.startsWith(":")) {
                Integer p = port(rest.substring(1));
                if (p == null) return Result.error("invalid port \"" + rest.substring(1) + "\"", "ports are 1 to 65535");
                port = p;
            } else if (!rest.isEmpty()) {
                return Result.error("unexpected \"" + rest + "\" after the address", "write \"[addr]:port\"");
            }
            byte[] a = Hosts.parseIpv6(host);
            if (a == null) return Result.error("invalid IPv6 address \"" + host + "\"", "write a literal such as \"[2001:db8::1]\"");
            return range(a, prefix, port);
        }
        long colons = s.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            int slash = s.indexOf('/');
            host = slash < 0 ? s : s.substring(0, slash);
            prefix = slash < 0 ? null : s.substring(slash + 1);
            byte[] a = Hosts.parseIpv6(host);
            if (a == null) return Result.error("invalid IPv6 address \"" + host + "\"", "put IPv6 addresses in brackets: \"[::1]:8080\"");
            return range(a, prefix, 0);
        }
        if (colons == 1) {
            int c = s.lastIndexOf(':');
            Integer p = port(s.substring(c + 1));
            if (p == null) return Result.error("invalid port \"" + s.substring(c + 1) + "\"", "ports are 1 to 65535");
            port = p;
            s = s.substring(0, c);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            prefix = s.substring(slash + 1);
            s = s.substring(0, slash);
            byte[] a = strictV4(s);
            if (a == null) return Result.error("invalid IPv4 range \"" + raw + "\"", "write a range such as \"10.0.0.0/8\"");
            return range(a, prefix, port);
        }
        if (s.equals("*")) return new Result(new HostPattern.Any(), port, null, null);
        if (s.startsWith("*.")) {
            String suffix = s.substring(2);
            if (suffix.contains("*")) return Result.error("a wildcard may only be the first label", "write \"*.example.com\"");
            var n = Hosts.canonicalName(suffix);
            if (n.isEmpty()) return Result.error("invalid domain \"" + suffix + "\"", "write \"*.example.com\"");
            if (!n.get().contains(".")) {
                return Result.error("\"*." + n.get() + "\" covers a whole top-level domain", "name the organisation's domain, e.g. \"*.example." + n.get() + "\"");
            }
            return new Result(new HostPattern.Subdomains(n.get()), port, null, null);
        }
        if (s.contains("*")) return Result.error("a wildcard may only be a whole first label", "write \"*.example.com\"");
        byte[] v4 = Hosts.parseIpv4(s);
        if (v4 != null) return new Result(new HostPattern.Range(Hosts.formatV4(v4), 32), port, null, null);
        var n = Hosts.canonicalName(s);
        if (n.isEmpty()) return Result.error("invalid host name \"" + s + "\"", "write a name such as \"example.com\"");
        return new Result(new HostPattern.Name(n.get()), port, null, null);
    }

    private static byte[] strictV4(String s) {
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
        return Hosts.parseIpv4(s.replaceAll("(^|\\.)0+(\\d)", "$1$2"));
    }

    private static Result range(byte[] a, String prefix, int port) {
        int full = a.length * 8;
        boolean mapped = a.length == 16 && Hosts.canonical(Hosts.formatV6(a)).map(c -> c.address().length == 4).orElse(false);
        byte[] addr = a;
        if (mapped) {
            addr = new byte[] {a[12], a[13], a[14], a[15]};
            full = 32;
        }
        int p = full;
        if (prefix != null) {
            if (!prefix.matches("\\d{1,3}")) return Result.error("invalid prefix length \"/" + prefix + "\"", "write /0 to /" + full);
            p = Integer.parseInt(prefix);
            if (mapped) p -= 96;
            if (p < 0 || p > full) return Result.error("prefix length /" + prefix + " is out of range", "write /0 to /" + full);
        }
        byte[] net = addr.clone();
        for (int bit = p; bit < net.length * 8; bit++) net[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        String text = net.length == 4 ? Hosts.formatV4(net) : Hosts.formatV6(net);
        if (!java.util.Arrays.equals(net, addr)) {
            String suggestion = (net.length == 4 ? text : "[" + text + "]") + "/" + p;
            return Result.error("the range has host bits set", "write \"" + suggestion + "\"");
        }
        return new Result(new HostPattern.Range(text, p), port, null, null);
    }

    private static Integer port(String s) {
        if (!s.matches("\\d{1,5}")) return null;
        int p = Integer.parseInt(s);
        return p >= 1 && p <= 65535 ? p : null;
    }
}
