package dev.srt.check;

import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.Capability;
import dev.srt.ir.Errnos;
import dev.srt.ir.SyscallRule;
import dev.srt.syntax.Ast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks and lowers syscalls blocks. Rules are kept in precedence order: files in rank order
 * (the compiled file first), each file's rules in source order. Whether a name exists on an
 * architecture is the seccomp back-end's check, which knows the kernel's tables.
 */
final class SyscallsPass implements Pass {
    @Override
    public String name() {
        return "syscalls";
    }

    @Override
    public void run(CheckContext ctx) {
        for (Unit u : ctx.units) {
            for (Ast.SyscallsBlock b : ctx.statements(u, Ast.SyscallsBlock.class)) {
                for (Ast.SysItem item : b.items()) {
                    if (item instanceof Ast.SysDefault) {
                        Ast.SysDefault d = (Ast.SysDefault) item;
                        Action a = action(ctx, d.action());
                        if (a == null) continue;
                        if (ctx.sysDefaultRank == u.rank()) {
                            ctx.error("E0701", "syscall default is set twice in this file", d.span(), "keep one `default` line");
                        } else if (u.rank() < ctx.sysDefaultRank) {
                            ctx.sysDefault = a;
                            ctx.sysDefaultSpan = d.span();
                            ctx.sysDefaultRank = u.rank();
                        }
                    } else if (item instanceof Ast.SysForeignArch) {
                        Ast.SysForeignArch d = (Ast.SysForeignArch) item;
                        Action a = action(ctx, d.action());
                        if (a == null) continue;
                        if (a.permits()) {
                            ctx.error("E0706", "foreign-arch " + a.render() + " would let programs of another architecture bypass the filter",
                                d.action().span(), "use kill-process (the default) or an errno");
                            continue;
                        }
                        if (ctx.foreignArchRank == u.rank()) {
                            ctx.error("E0701", "foreign-arch is set twice in this file", d.span(), "keep one `foreign-arch` line");
                        } else if (u.rank() < ctx.foreignArchRank) {
                            ctx.foreignArch = a;
                            ctx.foreignArchSpan = d.span();
                            ctx.foreignArchRank = u.rank();
                        }
                    } else {
                        rule(ctx, (Ast.SysRule) item);
                    }
                }
            }
        }
    }

    private void rule(CheckContext ctx, Ast.SysRule r) {
        Action a = action(ctx, r.action());
        Capability unless = null;
        if (r.unless() != null) {
            Optional<Capability> c = Capability.byWord(r.unless().name());
            if (c.isEmpty()) {
                List<String> words = Arrays.stream(Capability.values()).map(x -> x.word).toList();
                ctx.error("E0705", "unknown capability `" + r.unless().name() + "`", r.unless().span(),
                    Suggest.help(r.unless().name(), words, "capabilities: " + String.join(", ", words)));
                return;
            }
            unless = c.get();
        }
        String because = r.modifiers().because() == null ? null : r.modifiers().because().text();
        if (r.modifiers().exact()) {
            ctx.error("E0720", "`exact` is not available on syscall rules", r.span(),
                "seccomp enforces them exactly on Linux and macOS cannot enforce them at all; remove `exact`");
        }
        for (Ast.SysTarget t : r.targets()) {
            String name = t.name().name();
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                ctx.error("E0702", "`" + name + "` is not a system call name", t.name().span(), "system call names are lower case, e.g. `ptrace`");
                continue;
            }
            List<ArgCondition> conds = new ArrayList<>();
            boolean ok = true;
            for (Ast.Condition c : t.conditions()) {
                ArgCondition ac = condition(ctx, name, c);
                if (ac == null) ok = false;
                else conds.add(ac);
            }
            if (a == null || !ok) continue;
            ctx.sysRules.add(new CheckContext.Guarded(new SyscallRule(name, conds, a, r.optional(), because, t.span()), unless));
        }
    }

    private ArgCondition condition(CheckContext ctx, String syscall, Ast.Condition c) {
        Optional<Integer> idx = SyscallVocabulary.argIndex(syscall, c.arg().name());
        if (idx.isEmpty()) {
            List<String> known = new ArrayList<>(SyscallVocabulary.params(syscall));
            String help = known.isEmpty() ? "use arg0 to arg5"
                : Suggest.help(c.arg().name(), known, syscall + " takes " + String.join(", ", known) + " (or arg0 to arg5)");
            ctx.error("E0703", "`" + c.arg().name() + "` is not an argument of " + syscall, c.arg().span(), help);
            return null;
        }
        Long value = number(ctx, c.value());
        Long mask = c.mask() == null ? Long.valueOf(0) : number(ctx, c.mask());
        if (value == null || mask == null) return null;
        if (c.op() == ArgCondition.Op.MASKED_EQ && (value & ~mask) != 0) {
            ctx.error("E0707", "the value has bits outside the mask, so the condition can never hold", c.span(),
                "make the value a subset of the mask, e.g. `flags & X == X`");
            return null;
        }
        if (SyscallVocabulary.is32Bit(syscall, idx.get())) {
            // The kernel reads only the low half of a 32-bit argument, so compare only that half:
            // otherwise socket(AF_UNIX | 1 << 32) would slip past `domain == AF_UNIX`.
            final long low = 0xFFFF_FFFFL;
            if (c.op() == ArgCondition.Op.EQ) return new ArgCondition(idx.get(), ArgCondition.Op.MASKED_EQ, value & low, low);
            if (c.op() == ArgCondition.Op.MASKED_EQ) return new ArgCondition(idx.get(), c.op(), value & low, mask & low);
            ctx.warning("W0708", "`" + c.op().symbol + "` compares all 64 bits, but the kernel reads only the low 32 bits of "
                    + c.arg().name() + ", so a program can set the high bits to pass", c.span(),
                "prefer == or a masked test (`" + c.arg().name() + " & 0xffffffff == VALUE`)");
        }
        return new ArgCondition(idx.get(), c.op(), value, c.op() == ArgCondition.Op.MASKED_EQ ? mask : 0);
    }

    /** The value of {@code A | B | 3}; null after an error. */
    static Long number(CheckContext ctx, Ast.NumberExpr e) {
        long v = 0;
        for (Ast.Operand t : e.terms()) {
            if (t.number() != null) {
                v |= t.number().value();
                continue;
            }
            Optional<Long> c = SyscallVocabulary.constant(t.name().name());
            if (c.isEmpty()) {
                ctx.error("E0704", "unknown constant `" + t.name().name() + "`", t.name().span(),
                    Suggest.help(t.name().name(), SyscallVocabulary.constantNames(), "write the number instead, e.g. 0x5412"));
                return null;
            }
            v |= c.get();
        }
        return v;
    }

    static Action action(CheckContext ctx, Ast.ActionSpec a) {
        if (a.kind() != Action.Kind.ERRNO) return Action.of(a.kind());
        Ast.Operand op = a.errno();
        if (op.number() != null) {
            long n = op.number().value();
            if (n < 1 || n > 4095) {
                ctx.error("E0708", "errno " + op.number().text() + " is out of range", op.span(), "use 1 to 4095 or a name such as EPERM");
                return null;
            }
            return Action.errno((int) n);
        }
        Optional<Integer> n = Errnos.number(op.name().name());
        if (n.isEmpty()) {
            ctx.error("E0709", "unknown errno name `" + op.name().name() + "`", op.span(),
                Suggest.help(op.name().name(), Errnos.names(), "use a number or a name such as EPERM, EACCES, ENOSYS"));
            return null;
        }
        return Action.errno(n.get());
    }
}
