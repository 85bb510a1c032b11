package dev.srt.check;

import dev.srt.ir.Action;
import dev.srt.ir.Effect;
import dev.srt.ir.Expectation;
import dev.srt.ir.HostPattern;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.Probe;
import dev.srt.syntax.Ast;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers {@code expect} lines of the compiled file (included files carry their own tests,
 * checked when those files are tested).
 */
final class ExpectationsPass implements Pass {
    @Override
    public String name() {
        return "expectations";
    }

    @Override
    public void run(CheckContext ctx) {
        for (Unit u : ctx.units) {
            for (Ast.Statement s : u.ast().statements()) {
                if (s instanceof Ast.TestBlock) {
                    Ast.TestBlock t = (Ast.TestBlock) s;
                    for (Ast.Expect e : t.expects()) expect(ctx, u, t.name().text(), e);
                } else if (s instanceof Ast.Expect) {
                    expect(ctx, u, "", (Ast.Expect) s);
                }
            }
            break;
        }
    }

    private void expect(CheckContext ctx, Unit u, String test, Ast.Expect e) {
        Effect outcome = e.effect();
        Action action = null;
        if (e.action() != null) {
            action = SyscallsPass.action(ctx, e.action());
            if (action == null) return;
            outcome = action.permits() ? Effect.ALLOW : Effect.DENY;
            if (e.probe().kind() != Ast.ProbeKind.SYSCALL) {
                ctx.error("E1101", "`expect " + action.render() + "` is only for syscall probes", e.action().span(),
                    "write `expect allow` or `expect deny`");
                return;
            }
        }
        for (Probe p : probes(ctx, u, e.probe())) ctx.expectations.add(new Expectation(test, outcome, action, p, e.span()));
    }

    private List<Probe> probes(CheckContext ctx, Unit u, Ast.ProbeSpec p) {
        List<Probe> out = new ArrayList<>();
        switch (p.kind()) {
            case READ: case WRITE: case UNIX:
                for (CheckContext.Resolved r : ctx.expand(u, p.target())) {
                    PathSyntax.Result res = PathSyntax.canonicalize(r.text());
                    if (!res.ok()) {
                        ctx.error("E0502", res.error() + ": \"" + r.text() + "\"", r.span(), res.help());
                        continue;
                    }
                    if (res.canonical().contains("*") || res.canonical().contains("?") || res.canonical().contains("[")) {
                        ctx.error("E1102", "an expectation needs a concrete path, not a glob", r.span(), "name one file");
                        continue;
                    }
                    if (p.kind() == Ast.ProbeKind.READ) out.add(new Probe.Read(r.text()));
                    else if (p.kind() == Ast.ProbeKind.WRITE) out.add(new Probe.Write(r.text()));
                    else out.add(new Probe.Unix(r.text()));
                }
                break;
            case CONNECT:
                for (CheckContext.Resolved r : ctx.expand(u, p.target())) {
                    HostSyntax.Result h = HostSyntax.parse(r.text());
                    boolean single = h.ok() && (h.host() instanceof HostPattern.Name
                        || (h.host() instanceof HostPattern.Range && ((HostPattern.Range) h.host()).prefix() == (((HostPattern.Range) h.host()).isV6() ? 128 : 32)));
                    if (!single || h.port() == 0) {
                        ctx.error("E1103", "expect connect needs host:port, got \"" + r.text() + "\"", r.span(),
                            "write e.g. `expect allow connect \"api.github.com:443\"`");
                        continue;
                    }
                    String host = h.host() instanceof HostPattern.Name ? ((HostPattern.Name) h.host()).name() : ((HostPattern.Range) h.host()).address();
                    out.add(new Probe.Connect(host, h.port()));
                }
                break;
            case BIND:
                if (p.port().value() < 1 || p.port().value() > 65535) {
                    ctx.error("E0605", "port " + p.port().text() + " is out of range", p.port().span(), "ports are 1 to 65535");
                } else {
                    out.add(new Probe.Bind((int) p.port().value()));
                }
                break;
            default:
                List<Long> args = new ArrayList<>();
                for (Ast.NumberExpr n : p.args()) {
                    Long v = SyscallsPass.number(ctx, n);
                    if (v == null) return out;
                    args.add(v);
                }
                if (args.size() > 6) {
                    ctx.error("E1104", "a system call has at most 6 arguments", p.span(), "remove the extra arguments");
                    return out;
                }
                out.add(new Probe.Syscall(p.syscall().name(), args));
        }
        return out;
    }
}
