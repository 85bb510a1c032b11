package dev.srt.syntax;

import dev.srt.ir.ArgCondition;
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
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.UnixSocketRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an IR policy back as one self-contained source file (no includes). Compiling the
 * output gives the same IR apart from source spans; used by {@code srtc import} and by the
 * round-trip property tests.
 */
public final class PolicyWriter {
    private final StringBuilder b = new StringBuilder();

    private PolicyWriter() {
    }

    public static String write(Policy p) {
        return new PolicyWriter().policy(p);
    }

    private String policy(Policy p) {
        b.append("srt ").append(p.languageVersion()).append('\n');
        filesystem(p.filesystem());
        network(p);
        syscalls(p);
        environment(p.environment());
        if (!p.ignores().isEmpty()) {
            b.append("\nviolations {\n");
            for (IgnoreRule r : p.ignores()) b.append("  ignore ").append(quote(r.violation())).append(" for ").append(quote(r.command())).append('\n');
            b.append("}\n");
        }
        if (!p.options().isEmpty()) {
            b.append("\nsandbox {\n");
            for (OptionSetting o : p.options()) b.append("  ").append(o.option().key).append('\n');
            b.append("}\n");
        }
        expectations(p.expectations());
        return b.toString();
    }

    private void filesystem(FsPolicy fs) {
        List<String> lines = new ArrayList<>();
        if (fs.readDefault() != Effect.ALLOW) lines.add("read default " + fs.readDefault().word());
        if (fs.writeDefault() != Effect.DENY) lines.add("write default " + fs.writeDefault().word());
        for (FsRule r : fs.rules()) lines.add(r.access().word() + " " + r.effect().word() + " " + quote(r.path().text()) + mods(r.exact(), r.because()));
        for (ProtectRule r : fs.protects()) lines.add("protect " + quote(r.path().text()));
        for (FsPolicy.Lifted l : fs.lifted()) {
            lines.add("protect " + quote(l.rule().path().text()));
            lines.add("unprotect " + quote(l.rule().path().text()));
        }
        block("filesystem", lines);
    }

    private void network(Policy p) {
        List<String> lines = new ArrayList<>();
        for (NetRule r : p.network().rules()) lines.add(r.effect().word() + " " + quote(r.target()) + mods(r.exact(), r.because()));
        for (UnixSocketRule u : p.network().unixSockets()) {
            lines.add("allow unix " + (u.all() ? "all" : quote(u.path().text())) + mods(false, u.because()));
        }
        for (BindRule r : p.network().bind()) lines.add("allow bind " + (r.port() == 0 ? "all" : Integer.toString(r.port())) + mods(false, r.because()));
        for (ExternalProxy x : p.network().proxies()) {
            String host = x.host().contains(":") ? "[" + x.host() + "]" : x.host();
            lines.add("proxy " + x.kind().word() + " " + quote(host + ":" + x.port()));
        }
        block("network", lines);
    }

    private void syscalls(Policy p) {
        var s = p.syscalls();
        List<String> lines = new ArrayList<>();
        if (!s.defaultSpan().isBuiltin() || !s.defaultAction().equals(dev.srt.ir.Action.ALLOW)) lines.add("default " + s.defaultAction().render());
        if (!s.foreignArchSpan().isBuiltin() || !s.foreignArch().equals(dev.srt.ir.Action.KILL_PROCESS)) lines.add("foreign-arch " + s.foreignArch().render());
        for (SyscallRule r : s.rules()) lines.add((r.optional() ? "optional " : "") + rule(r) + mods(false, r.because()));
        block("syscalls", lines);
    }

    private static String rule(SyscallRule r) {
        StringBuilder x = new StringBuilder(r.action().render()).append(' ').append(r.name());
        if (!r.conditions().isEmpty()) {
            x.append('(');
            for (int i = 0; i < r.conditions().size(); i++) {
                ArgCondition c = r.conditions().get(i);
                if (i > 0) x.append(", ");
                if (c.op() == ArgCondition.Op.MASKED_EQ) x.append("arg").append(c.arg()).append(" & ").append(num(c.mask())).append(" == ").append(num(c.value()));
                else x.append("arg").append(c.arg()).append(' ').append(c.op().symbol).append(' ').append(num(c.value()));
            }
            x.append(')');
        }
        return x.toString();
    }

    private void environment(EnvPolicy e) {
        List<String> lines = new ArrayList<>();
        for (EnvPolicy.Pattern x : e.pass()) lines.add("pass " + quote(x.pattern()));
        for (EnvPolicy.Pattern x : e.unset()) lines.add("unset " + quote(x.pattern()));
        for (EnvPolicy.Assignment a : e.set()) lines.add("set " + quote(a.name()) + " = " + quote(a.value()));
        block("environment", lines);
    }

    private void expectations(List<Expectation> es) {
        Map<String, List<Expectation>> byTest = new LinkedHashMap<>();
        for (Expectation e : es) byTest.computeIfAbsent(e.test(), k -> new ArrayList<>()).add(e);
        for (Map.Entry<String, List<Expectation>> t : byTest.entrySet()) {
            b.append('\n');
            boolean named = !t.getKey().isEmpty();
            if (named) b.append("test ").append(quote(t.getKey())).append(" {\n");
            for (Expectation e : t.getValue()) {
                b.append(named ? "  " : "").append("expect ").append(e.renderVerdict()).append(' ').append(e.probe().render()).append('\n');
            }
            if (named) b.append("}\n");
        }
    }

    private void block(String name, List<String> lines) {
        if (lines.isEmpty()) return;
        b.append('\n').append(name).append(" {\n");
        for (String l : lines) b.append("  ").append(l).append('\n');
        b.append("}\n");
    }

    private static String mods(boolean exact, String because) {
        return (exact ? " exact" : "") + (because != null ? " because " + quote(because) : "");
    }

    private static String num(long v) {
        return v >= 0 && v < 10 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    /** A string literal that the lexer reads back as exactly {@code s} (glob escapes kept). */
    public static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "[]*?".indexOf(s.charAt(i + 1)) >= 0) {
                q.append('\\').append(s.charAt(++i));
                continue;
            }
            switch (c) {
                case '"': q.append("\\\""); break;
                case '\\': q.append("\\\\"); break;
                case '\n': q.append("\\n"); break;
                case '\t': q.append("\\t"); break;
                default: q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
