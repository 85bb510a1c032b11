package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srt.ir.Action;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.eval.Decision;
import dev.srt.ir.eval.Evaluator;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** The proxy's decider and the reference evaluator decide every destination identically. */
class NetworkDeciderPropertyTest {
    static final List<String> PATTERNS = List.of("example.com", "*.example.com", "api.example.com", "*.api.example.com",
        "xn--bcher-kva.example", "localhost", "*", "127.0.0.1", "127.0.0.0/8", "10.0.0.0/8", "0.0.0.0/0", "[::1]",
        "[fe80::]/10", "[2001:db8::]/32", "[::]/0", "192.168.1.0/24", "169.254.169.254");
    static final List<String> HOSTS = List.of("example.com", "EXAMPLE.com.", "api.example.com", "a.api.example.com",
        "www.example.com", "bücher.example", "xn--bcher-kva.example", "localhost", "LocalHost.", "127.0.0.1", "127.1",
        "2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.0.0.2", "10.1.2.3", "012.1.2.3", "192.168.1.77", "[::1]", "::1",
        "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "[::ffff:a01:203]", "fe80::1", "2001:db8::5", "169.254.169.254",
        "evil.com", "127.0.0.1.", "foo.123", "", "bad..name", "-x.com", "256.1.1.1", "1.2.3.4.5");
    static final List<Integer> PORTS = List.of(0, 22, 80, 443, 8080);

    @Provide
    Arbitrary<NetPolicy> policies() {
        Arbitrary<NetRule> rule = Combinators.combine(Arbitraries.of(Effect.values()), Arbitraries.of(PATTERNS),
            Arbitraries.of(PORTS), Arbitraries.integers().between(1, 99))
            .as((e, p, port, line) -> Rules.rule(e, port == 0 ? p : p + ":" + port, line));
        return rule.list().ofMaxSize(8).map(rs -> new NetPolicy(rs, List.of(), List.of(), List.of()));
    }

    @Property(tries = 2000)
    void deciderAgreesWithTheEvaluator(@ForAll("policies") NetPolicy net, @ForAll("hosts") String host,
                                       @ForAll("ports") int port) {
        Decision ref = new Evaluator(policy(net), RuntimeContext.TEST).connect(host, port);
        NetworkDecider.Verdict v = new NetworkDecider(net).decide(host, port);
        assertEquals(ref.allowed(), v.allowed(), host + ":" + port + " " + net);
        assertEquals(ref.decidedBy(), v.rule(), host + ":" + port + " " + net);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.of(HOSTS);
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.of(22, 80, 443, 8080);
    }

    @Example
    void readableTable() {
        NetPolicy net = Rules.policy().allow("github.com", "*.github.com", "registry.npmjs.org:443", "10.0.0.0/8", "[::1]:8080")
            .deny("gist.github.com").build();
        String[][] table = {
            {"github.com", "443", "allow", "allow \"github.com\""},
            {"GitHub.COM.", "22", "allow", "allow \"github.com\""},
            {"api.github.com", "443", "allow", "allow \"*.github.com\""},
            {"gist.github.com", "443", "deny", "deny \"gist.github.com\""},
            {"registry.npmjs.org", "443", "allow", "allow \"registry.npmjs.org:443\""},
            {"registry.npmjs.org", "80", "deny", "network default deny"},
            {"10.1.2.3", "5432", "allow", "allow \"10.0.0.0/8\""},
            {"012.1.2.3", "5432", "allow", "allow \"10.0.0.0/8\""},
            {"167837953", "22", "allow", "allow \"10.0.0.0/8\""},
            {"::1", "8080", "allow", "allow \"[::1]:8080\""},
            {"::1", "8081", "deny", "network default deny"},
            {"example.com", "443", "deny", "network default deny"},
            {"github.com.evil.com", "443", "deny", "network default deny"},
        };
        NetworkDecider d = new NetworkDecider(net);
        for (String[] row : table) {
            NetworkDecider.Verdict v = d.decide(row[0], Integer.parseInt(row[1]));
            assertEquals(row[2], v.allowed() ? "allow" : "deny", row[0]);
            assertEquals(row[3], v.rule().rule(), row[0]);
        }
    }

    static Policy policy(NetPolicy net) {
        return new Policy(1, List.of(),
            new FsPolicy(Effect.ALLOW, Span.BUILTIN, Effect.DENY, Span.BUILTIN, List.of(), List.of(), List.of()),
            net,
            new SyscallPolicy(Action.ALLOW, Span.BUILTIN, Action.KILL_PROCESS, Span.BUILTIN, List.of(), List.of()),
            new EnvPolicy(List.of(), List.of(), List.of()), List.of(), List.of(), List.of());
    }

}
