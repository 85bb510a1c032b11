package dev.srt.backend.seatbelt;

import dev.srt.backend.seatbelt.SbplReader.Lst;
import dev.srt.backend.seatbelt.SbplReader.Node;
import dev.srt.backend.seatbelt.SbplReader.Sym;
import dev.srt.backend.seatbelt.SbplReader.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides operations against printed SBPL the way Seatbelt does, for exactly the subset the
 * back-end emits: the last rule whose operation and filters match decides; filters in one rule
 * are alternatives; {@code subpath}, {@code literal}, {@code regex} (POSIX, via
 * {@link PosixRegex}), {@code require-any}, {@code require-all}, {@code require-not},
 * {@code remote}, {@code local}; string expressions {@code param} and {@code string-append}.
 * Constructing it checks well-formedness: balanced text, {@code (version 1)} first, only
 * known operations, filters and parameters, and every regex valid.
 */
final class SbplEvaluator {
    static final Set<String> OPERATIONS = Set.of("default", "process-fork", "process-exec", "process-info*", "signal",
        "sysctl-read", "mach-lookup", "ipc-posix-shm-read-data", "user-preference-read", "file-map-executable",
        "file-read-metadata", "file-ioctl", "file-read*", "file-write*", "file-write-unlink", "file-link", "network-outbound", "network-bind",
        "network-inbound", "pseudo-tty");
    static final Set<String> FILTERS = Set.of("literal", "subpath", "regex", "require-any", "require-all", "require-not",
        "remote", "local", "global-name", "ipc-posix-name", "target");

    /** An operation to decide: its name (e.g. file-read-data) and what it acts on. */
    record Request(String operation, String path, String tcpHost, int port, String name) {
        static Request file(String op, String path) {
            return new Request(op, path, null, -1, null);
        }

        static Request unix(String path) {
            return new Request("network-outbound", path, null, -1, null);
        }

        static Request connect(String host, int port) {
            return new Request("network-outbound", null, host, port, null);
        }

        static Request bind(int port) {
            return new Request("network-bind", null, null, port, null);
        }

        static Request lookup(String service) {
            return new Request("mach-lookup", null, null, -1, service);
        }
    }

    private record Rule(boolean allow, List<String> ops, List<Node> filters) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, PosixRegex> regexes = new java.util.HashMap<>();
    private final Map<String, String> params;

    SbplEvaluator(String text, Map<String, String> params) {
        this.params = params;
        List<Node> forms = SbplReader.read(text);
        if (forms.isEmpty() || !forms.get(0).equals(new Lst(List.of(new Sym("version"), new Sym("1"))))) {
            throw new IllegalArgumentException("the profile must begin with (version 1)");
        }
        for (Node f : forms.subList(1, forms.size())) {
            if (!(f instanceof Lst)) throw new IllegalArgumentException("stray " + f);
            Lst l = (Lst) f;
            String head = l.head();
            if (!head.equals("allow") && !head.equals("deny")) throw new IllegalArgumentException("unknown form " + head);
            List<String> ops = new ArrayList<>();
            List<Node> filters = new ArrayList<>();
            for (Node n : l.items().subList(1, l.items().size())) {
                if (n instanceof Lst && ((Lst) n).head().equals("with")) {
                    List<Node> w = ((Lst) n).items();
                    if (w.size() != 3 || !w.get(1).equals(new Sym("message"))) throw new IllegalArgumentException("unknown modifier " + n);
                    string(w.get(2));
                    if (n != l.items().get(l.items().size() - 1)) throw new IllegalArgumentException("a modifier must come last");
                    continue;
                }
                if (n instanceof Sym) {
                    String op = ((Sym) n).name();
                    if (!OPERATIONS.contains(op)) throw new IllegalArgumentException("unknown operation " + op);
                    if (!filters.isEmpty()) throw new IllegalArgumentException("operation after a filter");
                    ops.add(op);
                } else {
                    checkFilter(n);
                    filters.add(n);
                }
            }
            if (ops.isEmpty()) throw new IllegalArgumentException("rule without an operation");
            rules.add(new Rule(head.equals("allow"), ops, filters));
        }
    }

    int ruleCount() {
        return rules.size();
    }

    boolean allows(Request r) {
        boolean allowed = false;
        boolean matched = false;
        for (Rule rule : rules) {
            if (!opMatches(rule.ops, r.operation())) continue;
            boolean hit = rule.filters.isEmpty();
            for (Node f : rule.filters) if (!hit && filter(f, r)) hit = true;
            if (hit) {
                allowed = rule.allow;
                matched = true;
            }
        }
        return matched && allowed;
    }

    private static boolean opMatches(List<String> ops, String op) {
        for (String o : ops) {
            if (o.equals("default") || o.equals(op)) return true;
            if (o.endsWith("*") && op.startsWith(o.substring(0, o.length() - 1))) return true;
        }
        return false;
    }

    private void checkFilter(Node n) {
        if (!(n instanceof Lst)) throw new IllegalArgumentException("a filter must be a list: " + n);
        Lst l = (Lst) n;
        String h = l.head();
        if (!FILTERS.contains(h)) throw new IllegalArgumentException("unknown filter " + h);
        List<Node> args = l.items().subList(1, l.items().size());
        switch (h) {
            case "require-any": case "require-all":
                if (args.isEmpty()) throw new IllegalArgumentException(h + " without filters");
                for (Node a : args) checkFilter(a);
                break;
            case "require-not":
                if (args.size() != 1) throw new IllegalArgumentException("require-not takes one filter");
                checkFilter(args.get(0));
                break;
            case "regex":
                one(h, args);
                PosixRegex.compile(string(args.get(0)));
                break;
            case "literal": case "subpath": case "global-name": case "ipc-posix-name":
                one(h, args);
                if (!string(args.get(0)).startsWith("/") && (h.equals("literal") || h.equals("subpath"))) {
                    throw new IllegalArgumentException(h + " needs an absolute path");
                }
                break;
            case "remote":
                if (args.isEmpty() || !(args.get(0) instanceof Sym)) throw new IllegalArgumentException("remote needs a kind");
                String kind = ((Sym) args.get(0)).name();
                if (kind.equals("unix-socket") && args.size() == 1) break;
                if (kind.equals("tcp") && args.size() == 2) {
                    address(string(args.get(1)));
                    break;
                }
                throw new IllegalArgumentException("unknown remote form " + l);
            case "local":
                if (args.size() != 2 || !args.get(0).equals(new Sym("ip"))) throw new IllegalArgumentException("unknown local form " + l);
                address(string(args.get(1)));
                break;
            case "target":
                if (!args.equals(List.of(new Sym("same-sandbox")))) throw new IllegalArgumentException("unknown target " + l);
                break;
            default:
                throw new IllegalStateException(h);
        }
    }

    private static void one(String h, List<Node> args) {
        if (args.size() != 1) throw new IllegalArgumentException(h + " takes one argument");
    }

    /** "localhost:PORT", "*:PORT" or with port "*". */
    private static String[] address(String a) {
        int c = a.lastIndexOf(':');
        if (c < 0) throw new IllegalArgumentException("address without port: " + a);
        String host = a.substring(0, c);
        String port = a.substring(c + 1);
        if (!host.equals("localhost") && !host.equals("*")) throw new IllegalArgumentException("Seatbelt hosts are localhost or *: " + a);
        if (!port.equals("*")) {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) throw new IllegalArgumentException("bad port " + a);
        }
        return new String[] {host, port};
    }

    private String string(Node n) {
        if (n instanceof Text) return ((Text) n).value();
        if (n instanceof Lst) {
            Lst l = (Lst) n;
            List<Node> args = l.items().subList(1, l.items().size());
            if (l.head().equals("param")) {
                one("param", args);
                String name = ((Text) args.get(0)).value();
                String v = params.get(name);
                if (v == null) throw new IllegalArgumentException("parameter " + name + " is not set");
                return v;
            }
            if (l.head().equals("string-append")) {
                StringBuilder b = new StringBuilder();
                for (Node a : args) b.append(string(a));
                return b.toString();
            }
        }
        throw new IllegalArgumentException("not a string expression: " + n);
    }

    private boolean filter(Node n, Request r) {
        Lst l = (Lst) n;
        List<Node> args = l.items().subList(1, l.items().size());
        switch (l.head()) {
            case "require-any":
                for (Node a : args) if (filter(a, r)) return true;
                return false;
            case "require-all":
                for (Node a : args) if (!filter(a, r)) return false;
                return true;
            case "require-not":
                return !filter(args.get(0), r);
            case "literal":
                return r.path() != null && r.path().equals(string(args.get(0)));
            case "subpath": {
                if (r.path() == null) return false;
                String p = string(args.get(0));
                return p.equals("/") || r.path().equals(p) || r.path().startsWith(p + "/");
            }
            case "regex":
                return r.path() != null && regexes.computeIfAbsent(string(args.get(0)), PosixRegex::compile).find(r.path());
            case "remote": {
                String kind = ((Sym) args.get(0)).name();
                if (kind.equals("unix-socket")) return r.path() != null && r.tcpHost() == null;
                if (r.tcpHost() == null) return false;
                String[] a = address(string(args.get(1)));
                boolean host = a[0].equals("*") || isLoopback(r.tcpHost());
                return host && (a[1].equals("*") || Integer.parseInt(a[1]) == r.port());
            }
            case "local": {
                if (r.port() < 0 || r.tcpHost() != null) return false;
                String[] a = address(string(args.get(1)));
                return a[1].equals("*") || Integer.parseInt(a[1]) == r.port();
            }
            case "global-name": case "ipc-posix-name":
                return r.name() != null && r.name().equals(string(args.get(0)));
            case "target":
                return false;
            default:
                throw new IllegalStateException(l.head());
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
