package dev.srt.backend.seatbelt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.backend.Enforcement;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.Glob;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The proof: for random IR policies, run-time contexts, paths and operations, the printed
 * Seatbelt profile decides exactly as srt's reference evaluator does. Where the back-end
 * reports a rule as approximate, the profile may only refuse more, never allow more.
 */
class SeatbeltMatchesEvaluatorTest {
    private static final List<String> PATTERN_SEGMENTS = List.of("a", "b", "c", ".ssh", "x.pem", "*", "*.pem", "?",
        "[ab]", "[!a]x", "**", "a*", "work", "user", "srt", "se(c)ret", "d.e+", "t*", "[est]*", "p*");
    private static final List<String> PATH_SEGMENTS = List.of("a", "b", "c", ".ssh", "x.pem", "ab", "bx", "work", "user",
        "srt", "se(c)ret", "d.e+", ".pem", "aa", "tmp", "etc");

    private record Rule(Access access, Effect effect, String path) {
    }

    private record Spec(Effect readDefault, List<Rule> rules, List<String> protects, List<String> unix, List<Integer> bind,
                        boolean network) {
        Policy build() {
            TestPolicies t = TestPolicies.policy();
            if (readDefault == Effect.DENY) t.readDefaultDeny();
            for (Rule r : rules) t.fs(r.access, r.effect, r.path);
            for (String p : protects) t.protect(p);
            for (String u : unix) t.unix(u);
            for (int b : bind) t.bind(b);
            if (network) t.allowHost(new HostPattern.Name("example.com"), 443);
            return t.build();
        }
    }

    @Provide
    Arbitrary<String> pattern() {
        Arbitrary<String> root = Arbitraries.of("/", "~", ".", "${tmp}", "/srv", "/tmp", "/home");
        Arbitrary<List<String>> segs = Arbitraries.of(PATTERN_SEGMENTS).list().ofMaxSize(3);
        return Combinators.combine(root, segs).as((r, s) -> {
            StringBuilder b = new StringBuilder(r);
            for (int i = 0; i < s.size(); i++) {
                String seg = s.get(i);
                if (!b.toString().endsWith("/")) b.append('/');
                b.append(seg);
            }
            return b.toString();
        });
    }

    @Provide
    Arbitrary<Spec> spec() {
        Arbitrary<Rule> rule = Combinators.combine(Arbitraries.of(Access.class), Arbitraries.of(Effect.class), pattern()).as(Rule::new);
        return Combinators.combine(Arbitraries.of(Effect.class), rule.list().ofMaxSize(7), pattern().list().ofMaxSize(2),
            pattern().list().ofMaxSize(2), Arbitraries.of(0, 8080, 9000).list().ofMaxSize(2), Arbitraries.of(true, false))
            .as(Spec::new);
    }

    @Provide
    Arbitrary<String> path() {
        Arbitrary<String> root = Arbitraries.of("/home/user/work", "/home/user", "/tmp/srt", "/srv", "/tmp", "/home", "/opt");
        return Combinators.combine(root, Arbitraries.of(PATH_SEGMENTS).list().ofMaxSize(4))
            .as((r, s) -> s.isEmpty() ? r : r + "/" + String.join("/", s));
    }

    @Provide
    Arbitrary<RuntimeContext> context() {
        Arbitrary<String> home = Arbitraries.of("/home/user", "/Users/alice", "/h", "/srv/home/u/v");
        Arbitrary<String> rel = Arbitraries.of("", "/work", "/a/b", "/.ssh");
        Arbitrary<String> tmp = Arbitraries.of("/tmp/srt", "/var/folders/xy/T", "/t");
        Arbitrary<Integer> cwdKind = Arbitraries.integers().between(0, 2);
        return Combinators.combine(home, rel, tmp, cwdKind).as((h, r, t, k) -> {
            String cwd = k == 0 ? h + r : k == 1 ? "/srv/proj" : "/";
            return new RuntimeContext(h, cwd.isEmpty() ? "/" : cwd, t, "501", "alice", Map.of());
        });
    }

    private static void assertAgrees(SeatbeltHarness h, String path) {
        boolean exact = exactForAscii(h);
        String why = "\n" + h.lowered.readable();
        boolean ir = h.irRead(path);
        boolean sb = h.sbRead(path);
        if (exact) assertEquals(ir, sb, "read " + path + why);
        else assertFalse(sb && !ir, "approximate profile allowed more: read " + path + why);
        ir = h.irWrite(path);
        sb = h.sbWrite(path);
        if (exact) assertEquals(ir, sb, "write " + path + why);
        else assertFalse(sb && !ir, "approximate profile allowed more: write " + path + why);
    }

    /** True when no rule is approximate for ASCII names (? and [...] matching one byte is irrelevant here). */
    static boolean exactForAscii(SeatbeltHarness h) {
        for (Enforcement e : h.lowered.enforcement()) {
            if (e.level() != Enforcement.Level.APPROXIMATE || e.ruleText().startsWith("read default")) continue;
            if (e.how().contains("** globs of both effects") || e.how().contains("too many **")) return false;
        }
        return true;
    }

    @Property(tries = 400)
    void filesAgreeInTheTestContext(@ForAll("spec") Spec spec, @ForAll("path") String p1, @ForAll("path") String p2,
                                    @ForAll("path") String p3) {
        SeatbeltHarness h = SeatbeltHarness.of(spec.build());
        assertTrue(h.lowered.diagnostics().stream().noneMatch(d -> d.isError()), h.lowered.diagnostics().toString());
        for (String p : List.of(p1, p2, p3)) assertAgrees(h, p);
    }

    /**
     * Paths at and around the rules' own paths, where precedence is decided: each rule's
     * pattern with its globs filled in, its parent, and a child.
     */
    static List<String> nearRules(Policy p, RuntimeContext ctx, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        List<String> out = new java.util.ArrayList<>();
        List<dev.srt.ir.PathPattern> pats = new java.util.ArrayList<>();
        p.filesystem().rules().forEach(r -> pats.add(r.path()));
        p.filesystem().protects().forEach(r -> pats.add(r.path()));
        for (dev.srt.ir.PathPattern pat : pats) {
            String resolved;
            try {
                resolved = pat.resolve(ctx);
            } catch (RuntimeException e) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (String seg : dev.srt.ir.Paths.segments(resolved)) {
                if (seg.equals("**")) {
                    int n = rnd.nextInt(3);
                    for (int i = 0; i < n; i++) b.append('/').append(PATH_SEGMENTS.get(rnd.nextInt(PATH_SEGMENTS.size())));
                } else if (Glob.isGlobSegment(seg)) {
                    List<String> fit = PATH_SEGMENTS.stream().filter(c -> Glob.segmentMatches(seg, c)).collect(java.util.stream.Collectors.toList());
                    b.append('/').append(fit.isEmpty() ? "zz" : fit.get(rnd.nextInt(fit.size())));
                } else {
                    b.append('/').append(seg);
                }
            }
            String at = b.length() == 0 ? "/" : b.toString();
            out.add(at);
            out.add(at.equals("/") ? "/a" : at + "/" + PATH_SEGMENTS.get(rnd.nextInt(PATH_SEGMENTS.size())));
            int slash = at.lastIndexOf('/');
            if (slash > 0) out.add(at.substring(0, slash));
        }
        out.removeIf(x -> x.equals("/"));
        return out;
    }

    @Property(tries = 400)
    void filesAgreeNearTheRulesOwnPaths(@ForAll("spec") Spec spec, @ForAll long seed) {
        Policy p = spec.build();
        SeatbeltHarness h = SeatbeltHarness.of(p);
        for (String path : nearRules(p, RuntimeContext.TEST, seed)) assertAgrees(h, path);
    }

    @Property(tries = 300)
    void filesAgreeNearTheRulesInAnyLayout(@ForAll("spec") Spec spec, @ForAll("context") RuntimeContext ctx, @ForAll long seed) {
        Policy p = spec.build();
        SeatbeltHarness h = new SeatbeltHarness(p, ctx);
        for (String path : nearRules(p, ctx, seed)) assertAgrees(h, path);
    }

    @Property(tries = 300)
    void filesAgreeInAnyLayout(@ForAll("spec") Spec spec, @ForAll("context") RuntimeContext ctx,
                               @ForAll("path") String p1, @ForAll("path") String p2) {
        SeatbeltHarness h = new SeatbeltHarness(spec.build(), ctx);
        for (String p : List.of(p1, p2, ctx.home() + "/.ssh/a", ctx.cwd() + "/x.pem", ctx.home() + "/work/b")) {
            assertAgrees(h, p.startsWith("//") ? p.substring(1) : p);
        }
    }

    @Property(tries = 200)
    void socketsBindingAndDirectConnections(@ForAll("spec") Spec spec, @ForAll("path") String sock,
                                            @ForAll("port") int port, @ForAll("host") String host) {
        Policy policy = spec.build();
        SeatbeltHarness h = SeatbeltHarness.of(policy);
        assertEquals(h.irUnix(sock), h.sbUnix(sock), "unix " + sock + "\n" + h.lowered.readable());
        assertEquals(h.irBind(port), h.sbBind(port), "bind " + port);
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        boolean proxyPort = port == SeatbeltHarness.HTTP_PORT || port == SeatbeltHarness.SOCKS_PORT;
        assertEquals(loopback && proxyPort && policy.network().anyNetwork(), h.sbConnect(host, port),
            "direct connection to " + host + ":" + port);
    }

    @Provide
    Arbitrary<Integer> port() {
        return Arbitraries.of(22, 443, 8080, 9000, SeatbeltHarness.HTTP_PORT, SeatbeltHarness.SOCKS_PORT);
    }

    @Provide
    Arbitrary<String> host() {
        return Arbitraries.of("127.0.0.1", "localhost", "::1", "10.0.0.1", "example.com");
    }
}
