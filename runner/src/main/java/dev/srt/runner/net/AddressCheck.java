package dev.srt.runner.net;

import dev.srt.ir.Hosts;
import dev.srt.ir.Span;
import dev.srt.ir.eval.Origin;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The check between resolving an allowed destination and dialling it: every address it resolved
 * to must be neither named by a deny rule nor guarded (see {@link AddressGuard}) unless an
 * address-range allow rule admits that address at that port. {@code localhost} and
 * {@code *.localhost}, when allowed by name, may be loopback (RFC 6761: they mean this host).
 */
final class AddressCheck {
    private AddressCheck() {
    }

    /** Why the destination may not be dialled. */
    record Refusal(DialOutcome.Reason reason, NetworkDecider.Verdict verdict, String message) {
    }

    static Optional<Refusal> check(NetworkDecider decider, AddressGuard guard, Hosts.Canonical host,
                                   NetworkDecider.Verdict nameVerdict, List<InetAddress> addrs) {
        for (InetAddress a : addrs) {
            Hosts.Canonical lit = Hosts.canonical(a.getHostAddress()).orElseThrow();
            NetworkDecider.Verdict av = decider.decide(lit, nameVerdict.port());
            if (!av.allowed() && av.rule() != NetworkDecider.DEFAULT_DENY) {
                // A deny rule names the address the allowed name resolved to: deny wins.
                return Optional.of(new Refusal(DialOutcome.Reason.POLICY, nameVerdict.withRule(av.rule()),
                    "connection to " + nameVerdict.target() + " (" + lit.text() + ") refused by " + av.rule()));
            }
            Optional<String> why = guard.guarded(a.getAddress());
            if (why.isEmpty()) continue;
            if (av.allowed() && av.byRange()) continue;
            if (why.get().equals("loopback") && isLocalhostName(host) && nameVerdict.allowed()) continue;
            String shown = lit.text().indexOf(':') >= 0 ? "[" + lit.text() + "]" : lit.text();
            Origin o = new Origin("address guard: " + lit.text() + " is " + why.get()
                + " (allow \"" + shown + "\" to permit it)", Span.BUILTIN);
            return Optional.of(new Refusal(DialOutcome.Reason.GUARD, nameVerdict.withRule(o),
                "connection to " + nameVerdict.target() + " refused: it resolves to " + why.get() + " address " + lit.text()));
        }
        return Optional.empty();
    }

    static boolean isLocalhostName(Hosts.Canonical h) {
        return !h.isAddress() && (h.text().equals("localhost") || h.text().endsWith(".localhost"));
    }
}
