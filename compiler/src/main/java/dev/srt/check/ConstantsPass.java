package dev.srt.check;

import dev.srt.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects each file's {@code let} constants in source order. A constant may use constants
 * defined before it; names are per file (an include does not see its includer's constants).
 */
final class ConstantsPass implements Pass {
    private static final Set<String> RESERVED = Set.of("home", "cwd", "tmp", "uid", "user", "env");

    @Override
    public String name() {
        return "constants";
    }

    @Override
    public void run(CheckContext ctx) {
        for (Unit u : ctx.units) {
            Map<String, CheckContext.Constant> consts = ctx.constantsOf(u);
            for (Ast.Let let : ctx.statements(u, Ast.Let.class)) {
                String name = let.name().name();
                if (RESERVED.contains(name)) {
                    ctx.error("E0404", "`" + name + "` is a built-in variable and cannot be redefined", let.name().span(),
                        "choose another name");
                    continue;
                }
                if (consts.containsKey(name)) {
                    ctx.error("E0405", "constant `" + name + "` is already defined at line " + consts.get(name).span().line(),
                        let.name().span(), "rename one of them");
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (CheckContext.Resolved r : ctx.expand(u, let.values())) values.add(r.text());
                consts.put(name, new CheckContext.Constant(values, let.list(), let.name().span()));
            }
        }
    }
}
