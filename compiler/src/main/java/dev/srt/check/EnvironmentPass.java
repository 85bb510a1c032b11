package dev.srt.check;

import dev.srt.ir.EnvPolicy;
import dev.srt.syntax.Ast;
import java.util.HashMap;
import java.util.Map;

/** Checks and lowers environment blocks: pass and unset patterns, set assignments. */
final class EnvironmentPass implements Pass {
    @Override
    public String name() {
        return "environment";
    }

    @Override
    public void run(CheckContext ctx) {
        Map<String, Integer> setRank = new HashMap<>();
        for (Unit u : ctx.units) {
            for (Ast.EnvironmentBlock b : ctx.statements(u, Ast.EnvironmentBlock.class)) {
                for (Ast.EnvItem item : b.items()) {
                    if (item instanceof Ast.EnvPass) {
                        for (CheckContext.Resolved r : ctx.expand(u, ((Ast.EnvPass) item).names())) {
                            if (pattern(ctx, r)) ctx.envPass.add(new EnvPolicy.Pattern(r.text(), r.span()));
                        }
                    } else if (item instanceof Ast.EnvUnset) {
                        for (CheckContext.Resolved r : ctx.expand(u, ((Ast.EnvUnset) item).names())) {
                            if (pattern(ctx, r)) ctx.envUnset.add(new EnvPolicy.Pattern(r.text(), r.span()));
                        }
                    } else {
                        Ast.EnvSet s = (Ast.EnvSet) item;
                        var names = ctx.expand(u, s.name());
                        var values = ctx.expand(u, s.value());
                        if (names.size() != 1 || values.size() != 1) {
                            if (!names.isEmpty() && !values.isEmpty()) {
                                ctx.error("E0801", "set takes one name and one value", s.span(), "write `set \"NAME\" = \"value\"`");
                            }
                            continue;
                        }
                        String name = names.get(0).text();
                        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            ctx.error("E0802", "\"" + name + "\" is not a variable name", names.get(0).span(), "use letters, digits and _");
                            continue;
                        }
                        Integer seen = setRank.get(name);
                        if (seen != null && seen == u.rank()) {
                            ctx.error("E0803", name + " is set twice in this file", s.span(), "keep one `set` for it");
                            continue;
                        }
                        if (seen != null) continue;
                        setRank.put(name, u.rank());
                        ctx.envSet.add(new EnvPolicy.Assignment(name, values.get(0).text(), s.span()));
                    }
                }
            }
        }
    }

    private static boolean pattern(CheckContext ctx, CheckContext.Resolved r) {
        if (!r.text().matches("[A-Za-z0-9_*?]+")) {
            ctx.error("E0802", "\"" + r.text() + "\" is not a variable name pattern", r.span(),
                "use letters, digits, _ and the wildcards * and ?");
            return false;
        }
        return true;
    }
}
