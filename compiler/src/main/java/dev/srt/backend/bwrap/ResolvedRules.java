package dev.srt.backend.bwrap;

import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.Glob;
import dev.srt.ir.Paths;
import dev.srt.ir.RuntimeContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A template's filesystem rules with run-time values filled in, and the precedence the
 * language defines (the same as {@link dev.srt.ir.eval.Evaluator}): reads by the deepest match
 * among read rules and write allows, deny on ties; writes denied for protected or unreadable
 * paths, else the deepest write rule, deny on ties. Rules whose {@code ${env:NAME}} is unset
 * apply nowhere, as in the evaluator.
 */
public final class ResolvedRules {
    /** A rule with its concrete pattern segments. */
    public record Rule(Access access, Effect effect, List<String> pattern, boolean glob, String text) {
        public String path() {
            return Paths.join(pattern);
        }
    }

    /** Whether a path may be read and written. */
    public record State(boolean read, boolean write) {
        public State and(State o) {
            return new State(read && o.read, write && o.write);
        }

        public String word() {
            return !read ? "hidden" : write ? "read-write" : "read-only";
        }

        // Written out: the record's generated equals/hashCode bootstrap java.lang.runtime.ObjectMethods,
        // about 10 ms of srt's start-up for the first call.
        @Override
        public boolean equals(Object o) {
            return o instanceof State && ((State) o).read == read && ((State) o).write == write;
        }

        @Override
        public int hashCode() {
            return (read ? 2 : 0) + (write ? 1 : 0);
        }
    }

    private final Effect readDefault;
    private final Effect writeDefault;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Rule> protects = new ArrayList<>();

    public ResolvedRules(BwrapTemplate t, RuntimeContext ctx) {
        this.readDefault = t.readDefault();
        this.writeDefault = t.writeDefault();
        for (BwrapTemplate.PathRule r : t.rules()) {
            String p = resolve(r.path(), ctx);
            if (p != null) rules.add(new Rule(r.access(), r.effect(), Paths.segments(p), r.glob(), r.rule()));
        }
        for (BwrapTemplate.Protect r : t.protects()) {
            String p = resolve(r.path(), ctx);
            if (p != null) protects.add(new Rule(Access.WRITE, Effect.DENY, Paths.segments(p), r.glob(), r.rule()));
        }
    }

    private static String resolve(String path, RuntimeContext ctx) {
        try {
            return Paths.normalize(ctx.substitute(path));
        } catch (RuntimeContext.UnsetVariableException e) {
            return null;
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Rule> protects() {
        return protects;
    }

    public State state(String path) {
        List<String> p = Paths.segments(path);
        boolean read = read(p);
        return new State(read, read && write(p));
    }

    private boolean read(List<String> p) {
        int best = -1;
        Effect eff = readDefault;
        for (Rule r : rules) {
            if (r.access() != Access.READ && r.effect() != Effect.ALLOW) continue;
            int d = Glob.deepestMatch(r.pattern(), p);
            if (d > best || (d == best && d >= 0 && r.effect() == Effect.DENY)) {
                best = d;
                eff = r.effect();
            }
        }
        return eff == Effect.ALLOW;
    }

    private boolean write(List<String> p) {
        for (Rule r : protects) if (Glob.deepestMatch(r.pattern(), p) >= 0) return false;
        int best = -1;
        Effect eff = writeDefault;
        for (Rule r : rules) {
            if (r.access() != Access.WRITE) continue;
            int d = Glob.deepestMatch(r.pattern(), p);
            if (d > best || (d == best && d >= 0 && r.effect() == Effect.DENY)) {
                best = d;
                eff = r.effect();
            }
        }
        return eff == Effect.ALLOW;
    }
}
