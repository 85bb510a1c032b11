package dev.srt.artifact;

import dev.srt.artifact.json.JsonPath;
import dev.srt.artifact.json.MiniJson;
import dev.srt.artifact.json.StrictObject;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.Span;
import dev.srt.ir.UnixSocketRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the two parts of the IR section that {@code srt run} needs for its network proxies, the
 * network rules and the violation ignores, without Jackson (loading and initialising it costs
 * 50 to 100 ms of start-up). For what {@link IrJson} writes it gives exactly the values Jackson
 * reads back ({@code IrNetworkReaderProperties}); anything else is an {@link IOException} naming
 * the field: unknown or missing fields (at the top level too), wrong types, nulls where the IR
 * has none, and values the compiler never produces (ports out of range, host names and addresses
 * not in canonical form, paths not canonical), because a rule the proxies could never match would
 * silently drop a deny. The other parts of the IR are parsed as JSON but not decoded.
 */
public final class IrNetworkReader {
    /** The network rules and the violation ignores of one IR. */
    public record Rules(NetPolicy network, List<IgnoreRule> ignores) {
        public Rules {
            ignores = List.copyOf(ignores);
        }
    }

    /** The fields of {@link dev.srt.ir.Policy}, as IrJson writes them. */
    static final Set<String> POLICY_FIELDS = Set.of("languageVersion", "sources", "filesystem", "network", "syscalls",
        "environment", "ignores", "options", "expectations");
    private static final Set<String> NETWORK = Set.of("rules", "unixSockets", "bind", "proxies");
    private static final Set<String> RULE = Set.of("effect", "host", "port", "exact", "because", "span");
    private static final Set<String> UNIX = Set.of("path", "because", "span");
    private static final Set<String> BIND = Set.of("port", "because", "span");
    private static final Set<String> PROXY = Set.of("kind", "host", "port", "span");
    private static final Set<String> IGNORE = Set.of("violation", "command", "span");
    private static final Set<String> SPAN = Set.of("file", "line", "col", "length");
    private static final Set<String> PATH = Set.of("text");
    private static final Set<String> NAME = Set.of("kind", "name");
    private static final Set<String> SUBDOMAINS = Set.of("kind", "suffix");
    private static final Set<String> RANGE = Set.of("kind", "address", "prefix");
    private static final Set<String> ANY = Set.of("kind");
    private static final int MAX_PORT = 65535;

    private IrNetworkReader() {
    }

    /** Decodes the IR section's network rules and ignores; damaged or unexpected input is an IOException. */
    public static Rules read(byte[] irJson) throws IOException {
        Object doc;
        try {
            doc = MiniJson.parse(irJson);
        } catch (IOException e) {
            throw new IOException("not valid JSON: " + e.getMessage());
        }
        StrictObject top = StrictObject.of(doc, JsonPath.ROOT, POLICY_FIELDS);
        NetPolicy network = network(top.value("network"), top.path("network"));
        List<IgnoreRule> ignores = new ArrayList<>();
        List<Object> list = top.list("ignores");
        for (int i = 0; i < list.size(); i++) ignores.add(ignore(list.get(i), top.path("ignores").at(i)));
        return new Rules(network, ignores);
    }

    private static NetPolicy network(Object value, JsonPath path) throws IOException {
        StrictObject n = StrictObject.of(value, path, NETWORK);
        List<NetRule> rules = new ArrayList<>();
        List<Object> l = n.list("rules");
        for (int i = 0; i < l.size(); i++) rules.add(rule(l.get(i), n.path("rules").at(i)));
        List<UnixSocketRule> unix = new ArrayList<>();
        l = n.list("unixSockets");
        for (int i = 0; i < l.size(); i++) unix.add(unix(l.get(i), n.path("unixSockets").at(i)));
        List<BindRule> bind = new ArrayList<>();
        l = n.list("bind");
        for (int i = 0; i < l.size(); i++) {
            StrictObject b = StrictObject.of(l.get(i), n.path("bind").at(i), BIND);
            // port 0 is "allow bind all"
            bind.add(new BindRule(b.integer("port", 0, MAX_PORT), b.stringOrNull("because"), span(b)));
        }
        List<ExternalProxy> proxies = new ArrayList<>();
        l = n.list("proxies");
        for (int i = 0; i < l.size(); i++) proxies.add(proxy(l.get(i), n.path("proxies").at(i)));
        return new NetPolicy(rules, unix, bind, proxies);
    }

    private static NetRule rule(Object value, JsonPath path) throws IOException {
        StrictObject r = StrictObject.of(value, path, RULE);
        Effect effect = r.constant("effect", Effect.values());
        HostPattern host = host(r.value("host"), r.path("host"));
        // port 0 is any port
        return new NetRule(effect, host, r.integer("port", 0, MAX_PORT), r.bool("exact"), r.stringOrNull("because"), span(r));
    }

    /** The four kinds IrJson tags with "kind" (HostPattern's @JsonSubTypes names). */
    private static HostPattern host(Object value, JsonPath path) throws IOException {
        String kind = StrictObject.tag(value, path, "kind");
        switch (kind) {
            case "name": {
                StrictObject h = StrictObject.of(value, path, NAME);
                return new HostPattern.Name(canonicalName(h, "name"));
            }
            case "subdomains": {
                StrictObject h = StrictObject.of(value, path, SUBDOMAINS);
                return new HostPattern.Subdomains(canonicalName(h, "suffix"));
            }
            case "range": {
                StrictObject h = StrictObject.of(value, path, RANGE);
                Hosts.Canonical a = canonicalAddress(h, "address");
                return new HostPattern.Range(a.text(), h.integer("prefix", 0, a.address().length * 8));
            }
            case "any":
                StrictObject.of(value, path, ANY);
                return new HostPattern.Any();
            default:
                throw new IOException(path.field("kind") + ": unknown host kind \"" + kind + "\"");
        }
    }

    private static UnixSocketRule unix(Object value, JsonPath path) throws IOException {
        StrictObject u = StrictObject.of(value, path, UNIX);
        PathPattern p = null;
        if (u.value("path") != null) { // null is "allow unix all"
            StrictObject t = StrictObject.of(u.value("path"), u.path("path"), PATH);
            String text = t.string("text");
            PathSyntax.Result c = text.isEmpty() ? null : PathSyntax.canonicalize(text);
            if (c == null || !c.ok() || !c.canonical().equals(text)) throw t.invalid("text", "\"" + text + "\" is not a canonical path");
            p = new PathPattern(text);
        }
        return new UnixSocketRule(p, u.stringOrNull("because"), span(u));
    }

    private static ExternalProxy proxy(Object value, JsonPath path) throws IOException {
        StrictObject x = StrictObject.of(value, path, PROXY);
        ExternalProxy.Kind kind = x.constant("kind", ExternalProxy.Kind.values());
        String host = x.string("host");
        Optional<Hosts.Canonical> c = Hosts.canonical(host);
        if (c.isEmpty() || !c.get().text().equals(host)) throw x.invalid("host", "\"" + host + "\" is not a canonical host name or address");
        return new ExternalProxy(kind, host, x.integer("port", 1, MAX_PORT), span(x));
    }

    private static IgnoreRule ignore(Object value, JsonPath path) throws IOException {
        StrictObject g = StrictObject.of(value, path, IGNORE);
        return new IgnoreRule(g.string("violation"), g.string("command"), span(g));
    }

    private static Span span(StrictObject owner) throws IOException {
        StrictObject s = StrictObject.of(owner.value("span"), owner.path("span"), SPAN);
        return new Span(s.string("file"), s.integer("line", 0, Integer.MAX_VALUE), s.integer("col", 0, Integer.MAX_VALUE),
            s.integer("length", 0, Integer.MAX_VALUE));
    }

    /** A host name in the compiler's canonical form (lower case, punycode, no trailing dot). */
    private static String canonicalName(StrictObject o, String key) throws IOException {
        String n = o.string(key);
        if (!Hosts.canonicalName(n).equals(Optional.of(n))) throw o.invalid(key, "\"" + n + "\" is not a canonical host name");
        return n;
    }

    /** An IP address in the compiler's canonical form (dotted quad, compressed IPv6, no brackets). */
    private static Hosts.Canonical canonicalAddress(StrictObject o, String key) throws IOException {
        String a = o.string(key);
        Optional<Hosts.Canonical> c = Hosts.canonical(a);
        if (c.isEmpty() || !c.get().isAddress() || !c.get().text().equals(a)) {
            throw o.invalid(key, "\"" + a + "\" is not a canonical IP address");
        }
        return c.get();
    }

}
