package dev.srt.check;

import dev.srt.ir.OptionSetting;
import dev.srt.ir.SandboxOption;
import dev.srt.syntax.Ast;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Checks {@code sandbox { ... }} switches: unknown keys are errors, never ignored. */
final class SandboxPass implements Pass {
    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public void run(CheckContext ctx) {
        List<String> keys = Arrays.stream(SandboxOption.values()).map(o -> o.key).toList();
        for (Unit u : ctx.units) {
            for (Ast.SandboxBlock b : ctx.statements(u, Ast.SandboxBlock.class)) {
                for (Ast.SandboxSetting s : b.items()) {
                    Optional<SandboxOption> o = SandboxOption.byKey(s.key().name());
                    if (o.isEmpty()) {
                        ctx.error("E1001", "unknown sandbox switch `" + s.key().name() + "`", s.key().span(),
                            Suggest.help(s.key().name(), keys, "switches: " + String.join(", ", keys)));
                        continue;
                    }
                    if (s.value() != null) {
                        ctx.error("E1002", "`" + s.key().name() + "` takes no value", s.value().span(), "write just `" + s.key().name() + "`");
                        continue;
                    }
                    if (ctx.options.stream().noneMatch(x -> x.option() == o.get())) ctx.options.add(new OptionSetting(o.get(), s.span()));
                }
            }
        }
    }
}
