package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srt.ir.Effect;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.eval.Evaluator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The resolved-address check, stated independently: a destination is dialled only when, for
 * every address it resolved to, no deny rule names the address and the address is either
 * ordinary or explicitly allowed by an address-range rule at that port (or loopback for an
 * allowed {@code localhost} name).
 */
class AddressCheckPropertyTest {
    static final List<String> ADDRESSES = List.of("127.0.0.1", "127.0.0.2", "10.1.2.3", "192.168.1.77", "169.254.169.254",
        "169.254.3.4", "0.0.0.0", "100.64.0.9", "224.0.0.1", "::1", "fe80::1", "fd00::5", "93.184.216.34", "8.8.8.8",
        "2606:4700::1111", "64:ff9b::7f00:1");
    static final List<String> PATTERNS = List.of("api.example.com", "*.example.com", "localhost", "127.0.0.1", "127.0.0.0/8",
        "10.0.0.0/8", "169.254.169.254", "93.184.216.34", "0.0.0.0/0", "[::1]", "[fe80::]/10", "[::]/0", "*");
    static final AddressGuard GUARD = AddressGuard.forThisHost();

    @Provide
    Arbitrary<NetPolicy> policies() {
        Arbitrary<NetRule> rule = Combinators.combine(Arbitraries.of(Effect.values()), Arbitraries.of(PATTERNS),
            Arbitraries.of(0, 443), Arbitraries.integers().between(1, 99))
            .as((e, p, port, line) -> Rules.rule(e, port == 0 ? p : p + ":" + port, line));
        return rule.list().ofMaxSize(6).map(rs -> new NetPolicy(rs, List.of(), List.of(), List.of()));
    }

    @Provide
    Arbitrary<List<String>> resolutions() {
        return Arbitraries.of(ADDRESSES).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 3000)
    void dialledOnlyWhenEveryAddressIsAcceptable(@ForAll("policies") NetPolicy net,
                                                 @ForAll("resolutions") List<String> resolved,
                                                 @ForAll("names") String name) throws Exception {
        NetworkDecider d = new NetworkDecider(net);
        Hosts.Canonical host = Hosts.canonical(name).orElseThrow();
        NetworkDecider.Verdict v = d.decide(host, 443);
        List<InetAddress> addrs = new ArrayList<>();
        for (String a : resolved) addrs.add(InetAddress.getByAddress(name, Hosts.parseIpv6(a) != null && a.contains(":")
            ? Hosts.parseIpv6(a) : Hosts.parseIpv4(a)));
        boolean expectAdmit = true;
        for (InetAddress a : addrs) expectAdmit &= acceptable(net, name, v.allowed(), a);
        boolean admitted = AddressCheck.check(d, GUARD, host, v, addrs).isEmpty();
        assertEquals(expectAdmit, admitted, name + " -> " + resolved + " under " + net.rules());
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("api.example.com", "www.example.com", "localhost", "db.localhost");
    }

    private static boolean acceptable(NetPolicy net, String name, boolean nameAllowed, InetAddress a) {
        Hosts.Canonical lit = Hosts.canonical(a.getHostAddress()).orElseThrow();
        boolean denied = false;
        boolean rangeAllowed = false;
        for (NetRule r : net.rules()) {
            if (!Evaluator.matches(r, lit, 443)) continue;
            if (r.effect() == Effect.DENY) denied = true;
            else if (r.host() instanceof HostPattern.Range) rangeAllowed = true;
        }
        if (denied) return false;
        var why = GUARD.guarded(a.getAddress());
        if (why.isEmpty()) return true;
        if (rangeAllowed) return true;
        return why.get().equals("loopback") && nameAllowed && (name.equals("localhost") || name.endsWith(".localhost"));
    }
}
