package dev.srt.cli;

import dev.srt.backend.Enforcement;
import dev.srt.ir.Access;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.NetRule;
import dev.srt.ir.OptionSetting;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.SourceRef;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.UnixSocketRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The effective policy in plain words: every rule with where it came from and, when the
 * back-ends' report is available, how each platform enforces it.
 */
public final class Explainer {
    private final Policy p;
    private final List<Enforcement> report;
    private final StringBuilder b = new StringBuilder();

    public Explainer(Policy policy, List<Enforcement> report) {
        this.p = policy;
        this.report = report;
    }

    public String explain() {
        b.append("Sources, in precedence order: ")
            .append(p.sources().stream().map(SourceRef::name).collect(Collectors.joining(", "))).append("\n\n");
        filesystem();
        network();
        syscalls();
        environment();
        rest();
        return b.toString();
    }

    private void filesystem() {
        FsPolicy fs = p.filesystem();
        b.append("FILESYSTEM  (the rule naming the deepest path wins; deny wins a tie; a writable path is readable;\n")
            .append("            a protected or unreadable path is never writable)\n");
        b.append(fs.readDefault() == Effect.ALLOW ? "  Reads are allowed everywhere unless denied below" : "  Reads are denied except where allowed below (workspace only)")
            .append(where(fs.readDefaultSpan())).append(".\n");
        b.append(fs.writeDefault() == Effect.DENY ? "  Writes are denied except where allowed below" : "  Writes are allowed everywhere unless denied below")
            .append(where(fs.writeDefaultSpan())).append(".\n");
        for (FsRule r : fs.rules()) {
            String what = r.effect() == Effect.ALLOW ? (r.access() == Access.READ ? "may read  " : "may write ") : (r.access() == Access.READ ? "may not read  " : "may not write ");
            line("  " + what + r.path().text() + (r.path().isGlob() ? "" : " (and below)") + (r.exact() ? " [exact required]" : ""), r.span(), r.because());
        }
        for (ProtectRule r : fs.protects()) line("  protected, never writable: " + r.path().text(), r.span(), null);
        for (FsPolicy.Lifted l : fs.lifted()) line("  protection lifted: " + l.rule().path().text() + " (unprotect)", l.by(), null);
        b.append('\n');
    }

    private void network() {
        b.append("NETWORK  (a matching deny wins; otherwise a matching allow admits; otherwise refused)\n");
        if (p.network().rules().isEmpty()) b.append("  No hosts may be reached.\n");
        for (NetRule r : p.network().rules()) {
            line("  " + (r.effect() == Effect.ALLOW ? "may connect to     " : "may not connect to ") + r.target()
                + (r.port() == 0 ? " (any port)" : ""), r.span(), r.because());
        }
        for (UnixSocketRule u : p.network().unixSockets()) {
            line("  " + (u.all() ? "may connect to any unix socket" : "may connect to the unix socket " + u.path().text()), u.span(), u.because());
        }
        if (p.network().unixSockets().isEmpty()) b.append("  May not create unix sockets or connect to any.\n");
        for (BindRule r : p.network().bind()) line("  " + (r.port() == 0 ? "may listen on any local port" : "may listen on local port " + r.port()), r.span(), r.because());
        if (p.network().bind().isEmpty()) b.append("  May not listen on local ports.\n");
        for (ExternalProxy x : p.network().proxies()) line("  traffic goes through the external " + x.kind().word() + " proxy " + x.host() + ":" + x.port() + " (srt starts no proxy of its own)", x.span(), null);
        b.append('\n');
    }

    private void syscalls() {
        var s = p.syscalls();
        b.append("SYSTEM CALLS  (the first matching rule in this order decides; otherwise the default)\n");
        line("  default: " + s.defaultAction().render(), s.defaultSpan(), null);
        line("  programs of another architecture: " + s.foreignArch().render(), s.foreignArchSpan(), null);
        for (SyscallRule r : s.rules()) line("  " + r.render() + (r.optional() ? " (optional)" : ""), r.span(), r.because());
        for (SyscallRule r : s.lifted()) line("  not applied, lifted by a grant: " + r.render(), r.span(), null);
        b.append('\n');
    }

    private void environment() {
        EnvPolicy e = p.environment();
        b.append("ENVIRONMENT\n");
        if (e.pass().isEmpty()) b.append("  Every variable passes in unless removed below.\n");
        else b.append("  Only these pass in: ").append(e.pass().stream().map(EnvPolicy.Pattern::pattern).collect(Collectors.joining(", "))).append('\n');
        for (EnvPolicy.Pattern x : e.unset()) line("  removed: " + x.pattern(), x.span(), null);
        for (EnvPolicy.Assignment a : e.set()) line("  set: " + a.name() + "=" + a.value(), a.span(), null);
        b.append('\n');
    }

    private void rest() {
        if (!p.ignores().isEmpty()) {
            b.append("VIOLATIONS NOT REPORTED\n");
            for (IgnoreRule r : p.ignores()) line("  \"" + r.violation() + "\" for commands matching \"" + r.command() + "\"", r.span(), null);
            b.append('\n');
        }
        if (!p.options().isEmpty()) {
            b.append("SANDBOX SWITCHES\n");
            for (OptionSetting o : p.options()) line("  " + o.option().key + ": " + o.option().meaning, o.span(), null);
            b.append('\n');
        }
        if (!p.expectations().isEmpty()) {
            b.append("TESTS: ").append(p.expectations().size()).append(" expectation(s); run them with `srtc test`\n");
        }
        if (report == null) b.append("(enforcement per platform: compile the policy to see it)\n");
    }

    private String where(Span s) {
        return s.isBuiltin() ? " (built in)" : " (" + s + ")";
    }

    private void line(String text, Span span, String because) {
        b.append(text);
        int pad = Math.max(2, 64 - text.length());
        b.append(" ".repeat(pad)).append(span.isBuiltin() ? "built in" : span.toString()).append('\n');
        if (because != null) b.append("      because: ").append(because).append('\n');
        if (report == null) return;
        for (Enforcement e : report) {
            if (!e.rule().equals(span)) continue;
            b.append("      ").append(e.target().id).append(": ").append(e.level().word());
            if (e.how() != null && !e.how().isEmpty()) b.append(" - ").append(e.how());
            b.append('\n');
        }
    }
}
