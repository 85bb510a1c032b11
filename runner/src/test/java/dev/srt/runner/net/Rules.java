package dev.srt.runner.net;

import dev.srt.ir.Effect;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.Span;
import java.util.ArrayList;
import java.util.List;

/** Builds IR network policies in tests, as the compiler would lower {@code allow}/{@code deny} lines. */
final class Rules {
    private final List<NetRule> rules = new ArrayList<>();
    private final List<ExternalProxy> proxies = new ArrayList<>();
    private int line = 1;

    static Rules policy() {
        return new Rules();
    }

    Rules allow(String... targets) {
        for (String t : targets) rules.add(rule(Effect.ALLOW, t, line++));
        return this;
    }

    /** A deny rule with a {@code because} text. */
    Rules denyBecause(String target, String because) {
        NetRule r = rule(Effect.DENY, target, line++);
        rules.add(new NetRule(r.effect(), r.host(), r.port(), r.exact(), because, r.span()));
        return this;
    }

    Rules deny(String... targets) {
        for (String t : targets) rules.add(rule(Effect.DENY, t, line++));
        return this;
    }

    Rules proxy(ExternalProxy.Kind kind, String host, int port) {
        proxies.add(new ExternalProxy(kind, host, port, new Span("policy.srt", line++, 3, 10)));
        return this;
    }

    NetPolicy build() {
        return new NetPolicy(rules, List.of(), List.of(), proxies);
    }

    static NetRule rule(Effect e, String target, int line) {
        String host = target;
        int port = 0;
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            host = target.substring(0, close + 1);
            String rest = target.substring(close + 1);
            if (rest.startsWith("/")) {
                int colon = rest.indexOf(':');
                host += colon < 0 ? rest : rest.substring(0, colon);
                rest = colon < 0 ? "" : rest.substring(colon);
            }
            if (rest.startsWith(":")) port = Integer.parseInt(rest.substring(1));
        } else if (target.lastIndexOf(':') > 0) {
            host = target.substring(0, target.lastIndexOf(':'));
            port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        }
        return new NetRule(e, pattern(host), port, port != 0, null, new Span("policy.srt", line, 3, target.length()));
    }

    static HostPattern pattern(String host) {
        if (host.equals("*")) return new HostPattern.Any();
        if (host.startsWith("*.")) return new HostPattern.Subdomains(Hosts.canonicalName(host.substring(2)).orElseThrow());
        String h = host;
        int prefix = -1;
        int slash = h.lastIndexOf('/');
        if (slash > 0) {
            prefix = Integer.parseInt(h.substring(slash + 1));
            h = h.substring(0, slash);
        }
        var c = Hosts.canonical(h).orElseThrow(() -> new IllegalArgumentException(host));
        if (c.isAddress()) return new HostPattern.Range(c.text(), prefix >= 0 ? prefix : c.address().length * 8);
        return new HostPattern.Name(c.text());
    }
}
