package dev.srt.check;

import dev.srt.ir.Span;
import dev.srt.syntax.Ast;
import java.util.List;

/**
 * The {@code exact} modifier on rules whose IR element does not carry it (filesystem and host
 * rules carry their own flag): {@code protect}, {@code allow unix}, {@code allow bind},
 * {@code proxy} and {@code sandbox} switches have their spans recorded in
 * {@link CheckContext#exactSpans}, so the compile fails (E1201) when a target enforces them
 * only approximately. Where no platform enforcement exists to be exact about
 * ({@code unprotect}, environment and violations rules) {@code exact} is an error (E0110):
 * a modifier is never accepted and then ignored.
 */
final class ExactPass implements Pass {
    @Override
    public String name() {
        return "exact";
    }

    @Override
    public void run(CheckContext ctx) {
        for (Unit u : ctx.units) {
            for (Ast.FilesystemBlock b : ctx.statements(u, Ast.FilesystemBlock.class)) {
                for (Ast.FsItem item : b.items()) {
                    if (!(item instanceof Ast.FsProtect)) continue;
                    Ast.FsProtect p = (Ast.FsProtect) item;
                    if (p.lift()) refuse(ctx, p.modifiers(), p.span(), "unprotect");
                    else record(ctx, p.modifiers(), p.span(), p.paths());
                }
            }
            for (Ast.NetworkBlock b : ctx.statements(u, Ast.NetworkBlock.class)) {
                for (Ast.NetItem item : b.items()) {
                    if (item instanceof Ast.NetUnix) {
                        Ast.NetUnix n = (Ast.NetUnix) item;
                        record(ctx, n.modifiers(), n.span(), n.paths());
                    } else if (item instanceof Ast.NetBind) {
                        Ast.NetBind n = (Ast.NetBind) item;
                        record(ctx, n.modifiers(), n.span(), List.of());
                        if (n.modifiers().exact()) for (Ast.Int p : n.ports()) ctx.exactSpans.add(p.span());
                    } else if (item instanceof Ast.NetProxy) {
                        Ast.NetProxy n = (Ast.NetProxy) item;
                        record(ctx, n.modifiers(), n.span(), List.of());
                    }
                }
            }
            for (Ast.SandboxBlock b : ctx.statements(u, Ast.SandboxBlock.class)) {
                for (Ast.SandboxSetting s : b.items()) record(ctx, s.modifiers(), s.span(), List.of());
            }
            for (Ast.EnvironmentBlock b : ctx.statements(u, Ast.EnvironmentBlock.class)) {
                for (Ast.EnvItem item : b.items()) {
                    if (item instanceof Ast.EnvPass) refuse(ctx, ((Ast.EnvPass) item).modifiers(), item.span(), "pass");
                    else if (item instanceof Ast.EnvUnset) refuse(ctx, ((Ast.EnvUnset) item).modifiers(), item.span(), "unset");
                    else if (item instanceof Ast.EnvSet) refuse(ctx, ((Ast.EnvSet) item).modifiers(), item.span(), "set");
                }
            }
            for (Ast.ViolationsBlock b : ctx.statements(u, Ast.ViolationsBlock.class)) {
                for (Ast.Ignore ig : b.items()) refuse(ctx, ig.modifiers(), ig.span(), "ignore");
            }
        }
    }

    /** The spans the rule's IR elements get: the whole rule, or one of its values. */
    private static void record(CheckContext ctx, Ast.Modifiers m, Span rule, List<Ast.Value> values) {
        if (!m.exact()) return;
        ctx.exactSpans.add(rule);
        for (Ast.Value v : values) ctx.exactSpans.add(v instanceof Ast.Str ? ((Ast.Str) v).span() : ((Ast.Ref) v).span());
    }

    private static void refuse(CheckContext ctx, Ast.Modifiers m, Span rule, String kind) {
        if (!m.exact()) return;
        ctx.error("E0110", "`exact` has no meaning on `" + kind + "` rules", rule,
            "srt applies them the same way on every platform; remove `exact`");
    }
}
