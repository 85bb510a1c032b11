package dev.srt.check;

import dev.srt.ir.Access;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.Span;
import dev.srt.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks and lowers filesystem blocks: paths, defaults, protect and unprotect. */
final class FilesystemPass implements Pass {
    @Override
    public String name() {
        return "filesystem";
    }

    private record Unprotect(String pattern, Span span) {
    }

    @Override
    public void run(CheckContext ctx) {
        List<Unprotect> unprotects = new ArrayList<>();
        for (Unit u : ctx.units) {
            for (Ast.FilesystemBlock b : ctx.statements(u, Ast.FilesystemBlock.class)) {
                for (Ast.FsItem item : b.items()) {
                    if (item instanceof Ast.FsDefault) defaults(ctx, u, (Ast.FsDefault) item);
                    else if (item instanceof Ast.FsRule) rule(ctx, u, (Ast.FsRule) item);
                    else {
                        Ast.FsProtect p = (Ast.FsProtect) item;
                        for (CheckContext.Resolved r : ctx.expand(u, p.paths())) {
                            canonical(ctx, r).ifPresent(path -> {
                                if (p.lift()) unprotects.add(new Unprotect(path.text(), r.span()));
                                else ctx.protects.add(new ProtectRule(path, r.span()));
                            });
                        }
                    }
                }
            }
        }
        for (Unprotect un : unprotects) {
            List<ProtectRule> hit = new ArrayList<>();
            for (ProtectRule p : ctx.protects) if (p.path().text().equals(un.pattern())) hit.add(p);
            if (hit.isEmpty()) {
                List<String> known = ctx.protects.stream().map(p -> p.path().text()).distinct().toList();
                ctx.error("E0503", "unprotect \"" + un.pattern() + "\" matches no protect rule", un.span(),
                    Suggest.closest(un.pattern(), known).map(s -> "did you mean \"" + s + "\"?")
                        .orElse("unprotect must name a protected pattern exactly as written (after ~ and ./ are expanded)"));
                continue;
            }
            for (ProtectRule p : hit) {
                ctx.protects.remove(p);
                ctx.lifted.add(new FsPolicy.Lifted(p, un.span()));
            }
        }
    }

    private void defaults(CheckContext ctx, Unit u, Ast.FsDefault d) {
        if (d.access() == Access.READ) {
            if (ctx.readDefaultRank == u.rank()) {
                ctx.error("E0501", "read default is set twice in this file", d.span(), "keep one `read default` line");
            } else if (u.rank() < ctx.readDefaultRank) {
                ctx.readDefault = d.effect();
                ctx.readDefaultSpan = d.span();
                ctx.readDefaultRank = u.rank();
            }
        } else {
            if (ctx.writeDefaultRank == u.rank()) {
                ctx.error("E0501", "write default is set twice in this file", d.span(), "keep one `write default` line");
            } else if (u.rank() < ctx.writeDefaultRank) {
                ctx.writeDefault = d.effect();
                ctx.writeDefaultSpan = d.span();
                ctx.writeDefaultRank = u.rank();
            }
        }
    }

    private void rule(CheckContext ctx, Unit u, Ast.FsRule r) {
        String because = r.modifiers().because() == null ? null : r.modifiers().because().text();
        for (CheckContext.Resolved v : ctx.expand(u, r.paths())) {
            canonical(ctx, v).ifPresent(p -> ctx.fsRules.add(new FsRule(r.access(), r.effect(), p, r.modifiers().exact(), because, v.span())));
        }
    }

    static Optional<PathPattern> canonical(CheckContext ctx, CheckContext.Resolved v) {
        PathSyntax.Result res = PathSyntax.canonicalize(v.text());
        if (!res.ok()) {
            ctx.error("E0502", res.error() + ": \"" + v.text() + "\"", v.span(), res.help());
            return Optional.empty();
        }
        return Optional.of(new PathPattern(res.canonical()));
    }
}
