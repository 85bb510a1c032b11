package dev.srt.cli;

import dev.srt.backend.Backend;
import dev.srt.backend.Backends;
import dev.srt.backend.Enforcement;
import dev.srt.backend.Target;
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

    private final List<Target> targets;

    /** Explains with the targets of this build's back-ends (and any others the report names). */
    public Explainer(Policy policy, List<Enforcement> report) {
        this(policy, report, Backends.all().stream().map(Backend::target).collect(Collectors.toList()));
    }

    /**
     * {@code targets}: the platforms the policy was lowered for. When a report is given, every
     * rule gets one line per target; a target with nothing to say about a rule says
     * "not applicable" rather than nothing.
     */
    public Explainer(Policy policy, List<Enforcement> report, List<Target> targets) {
        this.p = policy;
        this.report = report;
        java.util.Set<Target> all = new java.util.TreeSet<>(targets);
        if (report != null) for (Enforcement e : report) all.add(e.target());
        this.targets = List.copyOf(all);
    }

    /** This build's back-ends' targets and any others the report names, in {@link Target} order. */
    static List<Target> targetsOf(List<Enforcement> report) {
        java.util.Set<Target> all = new java.util.TreeSet<>();
        for (Backend b : Backends.all()) all.add(b.target());
        if (report != null) for (Enforcement e : report) all.add(e.target());
        return List.copyOf(all);
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
        enforcement(fs.readDefaultSpan(), "read default " + fs.readDefault().word(), true);
        b.append(fs.writeDefault() == Effect.DENY ? "  Writes are denied except where allowed below" : "  Writes are allowed everywhere unless denied below")
            .append(where(fs.writeDefaultSpan())).append(".\n");
        for (FsRule r : fs.rules()) {
            String what = r.effect() == Effect.ALLOW ? (r.access() == Access.READ ? "may read  " : "may write ") : (r.access() == Access.READ ? "may not read  " : "may not write ");
            line("  " + what + r.path().text() + (r.path().isGlob() ? "" : " (and below)") + (r.exact() ? " [exact required]" : ""), r.span(), r.because(), r.render());
        }
        for (ProtectRule r : fs.protects()) line("  protected, never writable: " + r.path().text(), r.span(), null, r.render());
        for (FsPolicy.Lifted l : fs.lifted()) line("  protection lifted: " + l.rule().path().text() + " (unprotect)", l.by(), null, false, null);
        b.append('\n');
    }

    private void network() {
        b.append("NETWORK  (a matching deny wins; otherwise a matching allow admits; otherwise refused)\n");
        if (p.network().rules().isEmpty()) b.append("  No hosts may be reached.\n");
        for (NetRule r : p.network().rules()) {
            line("  " + (r.effect() == Effect.ALLOW ? "may connect to     " : "may not connect to ") + r.target()
                + (r.port() == 0 ? " (any port)" : ""), r.span(), r.because(), r.render());
        }
        for (UnixSocketRule u : p.network().unixSockets()) {
            line("  " + (u.all() ? "may connect to any unix socket" : "may connect to the unix socket " + u.path().text()), u.span(), u.because(), u.render());
        }
        if (p.network().unixSockets().isEmpty()) b.append("  May not create unix sockets or connect to any.\n");
        for (BindRule r : p.network().bind()) line("  " + (r.port() == 0 ? "may listen on any local port" : "may listen on local port " + r.port()), r.span(), r.because(), r.render());
        if (p.network().bind().isEmpty()) b.append("  May not listen on local ports.\n");
        for (ExternalProxy x : p.network().proxies()) line("  traffic goes through the external " + x.kind().word() + " proxy " + x.host() + ":" + x.port() + " (srt starts no proxy of its own)", x.span(), null, x.render());
        b.append('\n');
    }

    private void syscalls() {
        var s = p.syscalls();
        b.append("SYSTEM CALLS  (the first matching rule in this order decides; otherwise the default)\n");
        line("  default: " + s.defaultAction().render(), s.defaultSpan(), null, "default " + s.defaultAction().render());
        line("  programs of another architecture: " + s.foreignArch().render(), s.foreignArchSpan(), null,
            "foreign-arch " + s.foreignArch().render());
        for (SyscallRule r : s.rules()) line("  " + r.render() + (r.optional() ? " (optional)" : ""), r.span(), r.because(), r.render());
        for (SyscallRule r : s.lifted()) line("  not applied, lifted by a grant: " + r.render(), r.span(), null, false, null);
        b.append('\n');
    }

    private void environment() {
        EnvPolicy e = p.environment();
        b.append("ENVIRONMENT\n");
        if (e.pass().isEmpty()) b.append("  Every variable passes in unless removed below.\n");
        else b.append("  Only these pass in: ").append(e.pass().stream().map(EnvPolicy.Pattern::pattern).collect(Collectors.joining(", "))).append('\n');
        for (EnvPolicy.Pattern x : e.unset()) line("  removed: " + x.pattern(), x.span(), null, false, null);
        for (EnvPolicy.Assignment a : e.set()) line("  set: " + a.name() + "=" + a.value(), a.span(), null, false, null);
        b.append('\n');
    }

    private void rest() {
        if (!p.ignores().isEmpty()) {
            b.append("VIOLATIONS NOT REPORTED\n");
            for (IgnoreRule r : p.ignores()) line("  \"" + r.violation() + "\" for commands matching \"" + r.command() + "\"", r.span(), null, false, null);
            b.append('\n');
        }
        if (!p.options().isEmpty()) {
            b.append("SANDBOX SWITCHES\n");
            for (OptionSetting o : p.options()) line("  " + o.option().key + ": " + o.option().meaning, o.span(), null, false, o.option().key);
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

    private void line(String text, Span span, String because, String key) {
        line(text, span, because, true, key);
    }

    /** A rule line, its justification, and (for rules a platform enforces) one line per target. */
    private void line(String text, Span span, String because, boolean enforced, String key) {
        b.append(text);
        int pad = Math.max(2, 64 - text.length());
        b.append(" ".repeat(pad)).append(span.isBuiltin() ? "built in" : span.toString()).append('\n');
        if (because != null) b.append("      because: ").append(because).append('\n');
        enforcement(span, key, enforced);
    }

    /**
     * The rule's report entries, one line each, in target order; with {@code enforced} the
     * targets without an entry are listed as not applicable (never left out silently).
     */
    private void enforcement(Span span, String key, boolean enforced) {
        if (report == null) return;
        List<Enforcement> mine = ReportEntries.of(report, span, key);
        List<String> none = new java.util.ArrayList<>();
        for (Target t : targets) {
            boolean any = false;
            for (Enforcement e : mine) {
                if (e.target() != t) continue;
                any = true;
                b.append("      ").append(e.target().id).append(": ").append(e.level().word());
                if (e.how() != null && !e.how().isEmpty()) b.append(" - ").append(e.how());
                b.append('\n');
            }
            if (!any) none.add(t.id);
        }
        if (enforced && !none.isEmpty()) b.append("      not applicable: ").append(String.join(", ", none)).append('\n');
    }
}
