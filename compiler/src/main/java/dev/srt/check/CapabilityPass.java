package dev.srt.check;

import dev.srt.ir.Capability;
import dev.srt.ir.SandboxOption;
import java.util.EnumSet;
import java.util.Iterator;

/**
 * Removes syscall rules written {@code unless CAPABILITY} when the policy grants that
 * capability (e.g. {@code allow unix ...} lifts {@code unless unix-sockets}); kept for explain.
 */
final class CapabilityPass implements Pass {
    @Override
    public String name() {
        return "capabilities";
    }

    @Override
    public void run(CheckContext ctx) {
        EnumSet<Capability> held = EnumSet.noneOf(Capability.class);
        if (!ctx.unixRules.isEmpty()) held.add(Capability.UNIX_SOCKETS);
        if (!ctx.bindRules.isEmpty()) held.add(Capability.LOCAL_BINDING);
        if (ctx.options.stream().anyMatch(o -> o.option() == SandboxOption.NESTED_USERNS)) held.add(Capability.NESTED_USERNS);
        for (Iterator<CheckContext.Guarded> it = ctx.sysRules.iterator(); it.hasNext(); ) {
            CheckContext.Guarded g = it.next();
            if (g.unless() != null && held.contains(g.unless())) {
                ctx.sysLifted.add(g.rule());
                it.remove();
            }
        }
    }
}
