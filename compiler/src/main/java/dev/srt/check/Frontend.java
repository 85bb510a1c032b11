package dev.srt.check;

import dev.srt.diag.Diagnostic;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.Policy;
import dev.srt.ir.SourceRef;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import dev.srt.syntax.Source;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The compiler front end: load (parse with includes), run the semantic passes in order, and
 * assemble the normalised IR. Errors stop before the IR is built.
 */
public final class Frontend {
    /** At most this many errors are reported per run. */
    public static final int ERROR_LIMIT = 10;

    /** The passes, in the order they run. */
    public static final List<Pass> PASSES = List.of(
        new HeaderPass(),
        new ConstantsPass(),
        new FilesystemPass(),
        new NetworkPass(),
        new SyscallsPass(),
        new EnvironmentPass(),
        new ViolationsPass(),
        new SandboxPass(),
        new ExactPass(),
        new CapabilityPass(),
        new ExpectationsPass(),
        new WarningsPass());

    private Frontend() {
    }

    /** The IR (null when there were errors), the units read, and the diagnostics (sorted, errors capped). */
    /**
     * {@code exactSpans}: the IR elements written with {@code exact} beyond those whose record
     * says so itself (see {@link ExactPass}); the compile checks them against every target.
     */
    public record Result(Policy policy, List<Unit> units, List<Diagnostic> diagnostics, java.util.Map<String, Source> sources,
                         java.util.Set<dev.srt.ir.Span> exactSpans) {
        public boolean ok() {
            return policy != null;
        }
    }

    public static Result compile(Loader.Input input) {
        Diagnostics diags = new Diagnostics();
        Loader loader = new Loader(diags, ERROR_LIMIT);
        List<Unit> units = loader.load(input);
        if (diags.hasErrors() || units.isEmpty()) return new Result(null, units, capped(diags), loader.sources(), java.util.Set.of());
        CheckContext ctx = new CheckContext(units, diags);
        for (Pass p : PASSES) p.run(ctx);
        if (diags.hasErrors()) return new Result(null, units, capped(diags), loader.sources(), java.util.Set.of());
        return new Result(assemble(ctx), units, capped(diags), loader.sources(), java.util.Set.copyOf(ctx.exactSpans));
    }

    private static List<Diagnostic> capped(Diagnostics d) {
        List<Diagnostic> out = new ArrayList<>();
        int errors = 0;
        for (Diagnostic x : d.sorted()) {
            if (x.isError() && ++errors > ERROR_LIMIT) continue;
            out.add(x);
        }
        return out;
    }

    /** Builds the normalised IR: rules sorted and deduplicated (first span kept). */
    static Policy assemble(CheckContext ctx) {
        List<SourceRef> sources = new ArrayList<>();
        for (Unit u : ctx.units) sources.add(new SourceRef(u.name(), sha256(u.source().text())));
        FsPolicy fs = new FsPolicy(ctx.readDefault, ctx.readDefaultSpan, ctx.writeDefault, ctx.writeDefaultSpan,
            dedupeFs(ctx.fsRules), dedupe(ctx.protects, (a, b) -> a.path().equals(b.path())), ctx.lifted);
        NetPolicy net = new NetPolicy(
            dedupe(ctx.netRules, (a, b) -> a.effect() == b.effect() && a.target().equals(b.target())),
            dedupe(ctx.unixRules, (a, b) -> a.all() == b.all() && (a.all() || a.path().equals(b.path()))),
            dedupe(ctx.bindRules, (a, b) -> a.port() == b.port()),
            sortedCopy(ctx.proxies));
        List<SyscallRule> rules = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (CheckContext.Guarded g : ctx.sysRules) {
            String key = g.rule().render() + (g.rule().optional() ? "?" : "");
            if (seen.add(key)) rules.add(g.rule());
        }
        SyscallPolicy sys = new SyscallPolicy(ctx.sysDefault, ctx.sysDefaultSpan, ctx.foreignArch, ctx.foreignArchSpan, rules, ctx.sysLifted);
        EnvPolicy env = new EnvPolicy(
            dedupe(ctx.envPass, (a, b) -> a.pattern().equals(b.pattern())),
            dedupe(ctx.envUnset, (a, b) -> a.pattern().equals(b.pattern())),
            sortedCopy(ctx.envSet));
        return new Policy(HeaderPass.SUPPORTED, sources, fs, net, sys, env,
            dedupe(ctx.ignores, (a, b) -> a.violation().equals(b.violation()) && a.command().equals(b.command())),
            sortedCopy(ctx.options), ctx.expectations);
    }

    private static List<FsRule> dedupeFs(List<FsRule> rules) {
        return dedupe(rules, (a, b) -> a.access() == b.access() && a.effect() == b.effect() && a.path().equals(b.path())
            && a.exact() == b.exact());
    }

    private static <T extends Comparable<T>> List<T> sortedCopy(List<T> in) {
        List<T> s = new ArrayList<>(in);
        s.sort(null);
        return s;
    }

    /** Sorts, then drops an element equal (by {@code same}) to its predecessor. */
    private static <T extends Comparable<T>> List<T> dedupe(List<T> in, java.util.function.BiPredicate<T, T> same) {
        List<T> s = sortedCopy(in);
        List<T> out = new ArrayList<>();
        for (T t : s) {
            boolean dup = false;
            for (int i = out.size() - 1; i >= 0 && i >= out.size() - 4; i--) {
                if (same.test(out.get(i), t)) {
                    dup = true;
                    break;
                }
            }
            if (!dup) out.add(t);
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
