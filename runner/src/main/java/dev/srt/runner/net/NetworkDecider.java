package dev.srt.runner.net;

import dev.srt.ir.Effect;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.Span;
import dev.srt.ir.eval.Evaluator;
import dev.srt.ir.eval.Origin;
import java.util.Optional;

/**
 * Decides a destination {@code host:port} against the policy's network rules exactly as
 * {@link Evaluator#connect} does (any matching deny refuses, else any matching allow admits,
 * else the built-in default deny), using the evaluator's own matcher so the two cannot drift.
 */
public final class NetworkDecider {
    /** The origin of the built-in default, worded as the evaluator words it. */
    public static final Origin DEFAULT_DENY = new Origin("network default deny", Span.BUILTIN);
    static final Origin INVALID_HOST = new Origin("invalid host name", Span.BUILTIN);

    private final NetPolicy policy;

    public NetworkDecider(NetPolicy policy) {
        this.policy = policy;
    }

    /**
     * A verdict: allowed or not, the rule (or default) that decided, the canonical host, whether
     * an address-range allow rule admits it, and the deciding rule's {@code because} text.
     */
    public record Verdict(boolean allowed, Origin rule, String host, int port, boolean byRange, String because) {
        /** {@code host:port} with IPv6 literals bracketed. */
        public String target() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        Verdict withRule(Origin other) {
            return new Verdict(false, other, host, port, false, null);
        }
    }

    /** Decides a host in any form a client may write it and a port. */
    public Verdict decide(String host, int port) {
        Optional<Hosts.Canonical> c = Hosts.canonical(host);
        if (c.isEmpty() || port < 1 || port > 65535) {
            return new Verdict(false, INVALID_HOST, host == null ? "" : host, port, false, null);
        }
        return decide(c.get(), port);
    }

    /** Decides a canonical host and a port. */
    public Verdict decide(Hosts.Canonical host, int port) {
        NetRule firstDeny = null;
        NetRule firstAllow = null;
        for (NetRule r : policy.rules()) {
            if (!Evaluator.matches(r, host, port)) continue;
            if (r.effect() == Effect.DENY) {
                if (firstDeny == null) firstDeny = r;
            } else if (firstAllow == null) {
                firstAllow = r;
            }
        }
        if (firstDeny != null) return new Verdict(false, origin(firstDeny), host.text(), port, false, firstDeny.because());
        if (firstAllow != null) {
            boolean range = false;
            for (NetRule r : policy.rules()) {
                if (r.effect() == Effect.ALLOW && r.host() instanceof HostPattern.Range && Evaluator.matches(r, host, port)) {
                    range = true;
                }
            }
            return new Verdict(true, origin(firstAllow), host.text(), port, range, firstAllow.because());
        }
        return new Verdict(false, DEFAULT_DENY, host.text(), port, false, null);
    }

    /** True when some allow rule names this host, whatever its port (deny rules aside). */
    public boolean allowsAnyPort(Hosts.Canonical host) {
        for (NetRule r : policy.rules()) {
            if (r.effect() == Effect.ALLOW && Evaluator.hostMatches(r.host(), host)) return true;
        }
        return false;
    }

    public NetPolicy policy() {
        return policy;
    }

    private static Origin origin(NetRule r) {
        return new Origin(r.render(), r.span());
    }
}
