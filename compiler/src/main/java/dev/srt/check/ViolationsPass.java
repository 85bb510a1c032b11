package dev.srt.check;

import dev.srt.ir.IgnoreRule;
import dev.srt.syntax.Ast;
import java.util.List;

/** Lowers {@code violations { ignore ... for ... }}. */
final class ViolationsPass implements Pass {
    @Override
    public String name() {
        return "violations";
    }

    @Override
    public void run(CheckContext ctx) {
        for (Unit u : ctx.units) {
            for (Ast.ViolationsBlock b : ctx.statements(u, Ast.ViolationsBlock.class)) {
                for (Ast.Ignore ig : b.items()) {
                    List<CheckContext.Resolved> cmd = ig.command() == null ? List.of(new CheckContext.Resolved("*", ig.span()))
                        : ctx.expand(u, ig.command());
                    for (CheckContext.Resolved c : cmd) {
                        for (CheckContext.Resolved p : ctx.expand(u, ig.patterns())) {
                            if (p.text().isEmpty()) {
                                ctx.error("E0901", "empty violation pattern", p.span(), "use \"*\" to ignore every violation of the command");
                                continue;
                            }
                            ctx.ignores.add(new IgnoreRule(p.text(), c.text(), p.span()));
                        }
                    }
                }
            }
        }
    }
}
