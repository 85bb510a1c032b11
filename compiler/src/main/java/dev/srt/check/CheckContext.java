package dev.srt.check;

import dev.srt.diag.Diagnostic;
import dev.srt.ir.Action;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.Expectation;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.NetRule;
import dev.srt.ir.OptionSetting;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.Capability;
import dev.srt.ir.UnixSocketRule;
import dev.srt.syntax.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the passes share: the units in precedence order, the diagnostics, each file's
 * constants, and the IR pieces the passes build up before {@link NormalizePass} assembles them.
 */
public final class CheckContext {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_-]*)}");
    private static final java.util.Set<String> RUNTIME_VARS = java.util.Set.of("home", "cwd", "tmp", "uid", "user");

    public final List<Unit> units;
    public final Diagnostics diags;
    final Map<Unit, Map<String, Constant>> constants = new java.util.IdentityHashMap<>();

    // IR pieces, filled by the passes
    Effect readDefault = Effect.ALLOW;
    Span readDefaultSpan = Span.BUILTIN;
    int readDefaultRank = Integer.MAX_VALUE;
    Effect writeDefault = Effect.DENY;
    Span writeDefaultSpan = Span.BUILTIN;
    int writeDefaultRank = Integer.MAX_VALUE;
    final List<FsRule> fsRules = new ArrayList<>();
    final List<ProtectRule> protects = new ArrayList<>();
    final List<FsPolicy.Lifted> lifted = new ArrayList<>();
    final List<NetRule> netRules = new ArrayList<>();
    final List<UnixSocketRule> unixRules = new ArrayList<>();
    final List<BindRule> bindRules = new ArrayList<>();
    final List<ExternalProxy> proxies = new ArrayList<>();
    /** Spans of IR elements whose rule ends in {@code exact} but whose record has no flag for it ({@link ExactPass}). */
    final java.util.Set<dev.srt.ir.Span> exactSpans = new java.util.HashSet<>();
    Action sysDefault = Action.ALLOW;
    Span sysDefaultSpan = Span.BUILTIN;
    int sysDefaultRank = Integer.MAX_VALUE;
    Action foreignArch = Action.KILL_PROCESS;
    Span foreignArchSpan = Span.BUILTIN;
    int foreignArchRank = Integer.MAX_VALUE;
    /** Syscall rules in precedence order, each with the capability that lifts it (or null). */
    final List<Guarded> sysRules = new ArrayList<>();
    final List<SyscallRule> sysLifted = new ArrayList<>();
    final List<EnvPolicy.Pattern> envPass = new ArrayList<>();
    final List<EnvPolicy.Pattern> envUnset = new ArrayList<>();
    final List<EnvPolicy.Assignment> envSet = new ArrayList<>();
    final List<IgnoreRule> ignores = new ArrayList<>();
    final List<OptionSetting> options = new ArrayList<>();
    final List<Expectation> expectations = new ArrayList<>();

    /** A syscall rule and the capability named by its {@code unless}, if any. */
    record Guarded(SyscallRule rule, Capability unless) {
    }

    /** A constant: one or more string values (a list when written with brackets). */
    record Constant(List<String> values, boolean list, Span span) {
    }

    /** A value after constants are substituted, with the span it came from. */
    public record Resolved(String text, Span span) {
    }

    CheckContext(List<Unit> units, Diagnostics diags) {
        this.units = units;
        this.diags = diags;
    }

    void error(String code, String message, Span span, String help) {
        diags.add(Diagnostic.error(code, message, span, help));
    }

    void warning(String code, String message, Span span, String help) {
        diags.add(Diagnostic.warning(code, message, span, help));
    }

    Map<String, Constant> constantsOf(Unit u) {
        return constants.computeIfAbsent(u, k -> new HashMap<>());
    }

    /** Expands references and {@code ${constant}} interpolation; run-time variables stay. */
    List<Resolved> expand(Unit u, List<Ast.Value> values) {
        List<Resolved> out = new ArrayList<>();
        for (Ast.Value v : values) out.addAll(expand(u, v));
        return out;
    }

    List<Resolved> expand(Unit u, Ast.Value v) {
        Map<String, Constant> consts = constantsOf(u);
        if (v instanceof Ast.Ref) {
            Ast.Ref r = (Ast.Ref) v;
            Constant c = consts.get(r.name());
            if (c == null) {
                error("E0401", "unknown constant `" + r.name() + "`", r.span(),
                    Suggest.help(r.name(), consts.keySet(), "define it first with `let " + r.name() + " = \"...\"`, or quote a literal value"));
                return List.of();
            }
            List<Resolved> out = new ArrayList<>();
            for (String s : c.values()) out.add(new Resolved(s, r.span()));
            return out;
        }
        Ast.Str s = (Ast.Str) v;
        String text = interpolate(u, s.text(), s.span());
        return text == null ? List.of() : List.of(new Resolved(text, s.span()));
    }

    /** Substitutes {@code ${name}} for constants of this file; returns null after an error. */
    String interpolate(Unit u, String text, Span span) {
        Map<String, Constant> consts = constantsOf(u);
        Matcher m = VAR.matcher(text);
        StringBuilder b = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(1);
            if (RUNTIME_VARS.contains(name)) {
                m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
                continue;
            }
            Constant c = consts.get(name);
            if (c == null) {
                List<String> known = new ArrayList<>(consts.keySet());
                known.addAll(RUNTIME_VARS);
                error("E0402", "unknown variable ${" + name + "}", span,
                    Suggest.help(name, known, "use ${home}, ${cwd}, ${tmp}, ${uid}, ${user}, ${env:NAME} or a constant defined with let"));
                ok = false;
                continue;
            }
            if (c.list() || c.values().size() != 1) {
                error("E0403", "constant `" + name + "` is a list and cannot be used inside a string", span,
                    "use the list on its own: `" + name + "`");
                ok = false;
                continue;
            }
            m.appendReplacement(b, Matcher.quoteReplacement(c.values().get(0)));
        }
        m.appendTail(b);
        return ok ? b.toString() : null;
    }

    /** The statements of one kind in a unit. */
    <T extends Ast.Statement> List<T> statements(Unit u, Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (Ast.Statement s : u.ast().statements()) if (kind.isInstance(s)) out.add(kind.cast(s));
        return out;
    }
}
