package dev.srt.backend.seccomp;

import dev.srt.backend.Enforcement;
import dev.srt.check.Suggest;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallPolicy;
import dev.srt.ir.SyscallRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles the IR's system-call rules for one architecture. Program shape:
 * <ol>
 * <li>load {@code seccomp_data.arch}; another architecture gets the foreign-arch action;</li>
 * <li>load the call number and search it ({@link Dispatch}); on x86_64 the numbers from
 *     {@link Arch#X32_SYSCALL_BIT} up (x32 ABI calls, and the unused numbers above them) are one
 *     more range of the search, with the foreign-arch action. The exception is -1, the number a
 *     tracer uses to skip a call (seccomp(2)), which the kernel answers with ENOSYS: it gets the
 *     default action, as in libseccomp;</li>
 * <li>for numbers with argument conditions, the rules in precedence order ({@link ArgChecks});</li>
 * <li>one {@code ret} per distinct action.</li>
 * </ol>
 */
public final class SeccompCompiler {
    /** Errors this back-end reports. */
    public static final String UNKNOWN_SYSCALL = "E0710";
    public static final String MISSING_ON_ARCH = "E0711";
    public static final String TOO_LONG = "E0712";

    /** Every name on either architecture, sorted so that suggestions do not depend on the back-end. */
    private static final Set<String> ALL_NAMES = allNames();

    private static Set<String> allNames() {
        Set<String> names = new java.util.TreeSet<>(Arch.X86_64.table().byName().keySet());
        names.addAll(Arch.AARCH64.table().byName().keySet());
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The default when a policy has no system-call section: the language's defaults. */
    static final SyscallPolicy EMPTY = new SyscallPolicy(Action.ALLOW, Span.BUILTIN, Action.KILL_PROCESS, Span.BUILTIN,
        List.of(), List.of());

    /** The compiled program (null after an error), what each rule became, and any errors. */
    public record Result(Program program, List<Enforcement> enforcement, List<Diagnostic> diagnostics) {
        public Result {
            enforcement = List.copyOf(enforcement);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final Arch arch;
    private final SyscallPolicy policy;
    private final Labels labels = new Labels();
    private final List<Bpf> out = new ArrayList<>();
    private final Map<Integer, Bpf.Label> retLabels = new LinkedHashMap<>();

    private SeccompCompiler(Arch arch, SyscallPolicy policy) {
        this.arch = arch;
        this.policy = policy == null ? EMPTY : policy;
    }

    public static Result compile(SyscallPolicy policy, Arch arch) {
        return new SeccompCompiler(arch, policy).run();
    }

    private Result run() {
        List<Diagnostic> diags = new ArrayList<>();
        List<Enforcement> enforcement = new ArrayList<>();
        Map<Integer, List<SyscallRule>> byNumber = new TreeMap<>();
        for (SyscallRule r : policy.rules()) {
            Integer nr = arch.table().number(r.name()).orElse(null);
            if (nr == null) {
                Arch other = arch == Arch.X86_64 ? Arch.AARCH64 : Arch.X86_64;
                if (other.table().number(r.name()).isEmpty()) {
                    diags.add(Diagnostic.error(UNKNOWN_SYSCALL,
                        "unknown system call '" + r.name() + "': not a system call on x86_64 or aarch64", r.span(),
                        Suggest.help(r.name(), ALL_NAMES, "use the kernel's name for the call (docs/seccomp.md)")));
                } else if (!r.optional()) {
                    diags.add(Diagnostic.error(MISSING_ON_ARCH,
                        "system call '" + r.name() + "' does not exist on " + arch.word, r.span(),
                        "write 'optional " + r.action().render() + " " + r.name()
                            + "' to leave the rule out on architectures without the call"));
                } else {
                    enforcement.add(new Enforcement(r.span(), r.render(), arch.target, Enforcement.Level.EXACT,
                        "no such call on " + arch.word + "; optional rule left out"));
                }
                continue;
            }
            byNumber.computeIfAbsent(nr, k -> new ArrayList<>()).add(r);
            enforcement.add(new Enforcement(r.span(), r.render(), arch.target, Enforcement.Level.EXACT,
                "call " + nr + (r.conditions().isEmpty() ? "" : ", arguments compared as 64-bit values")
                    + " -> " + r.action().render()));
        }
        enforcement.add(new Enforcement(policy.defaultSpan(), "default " + policy.defaultAction().render(), arch.target,
            Enforcement.Level.EXACT, "every call no rule decides"));
        enforcement.add(new Enforcement(policy.foreignArchSpan(), "foreign-arch " + policy.foreignArch().render(),
            arch.target, Enforcement.Level.EXACT, "seccomp_data.arch != 0x"
                + Integer.toHexString(arch.auditArch) + (arch.hasX32 ? ", or an x32 call number (0x40000000 and up, except -1)" : "")));
        if (diags.stream().anyMatch(Diagnostic::isError)) return new Result(null, enforcement, diags);

        Program program = Assembler.assemble(arch, generate(byNumber));
        if (program.size() > Insn.MAX_INSNS) {
            Span where = policy.rules().isEmpty() ? policy.defaultSpan() : policy.rules().get(0).span();
            diags.add(Diagnostic.error(TOO_LONG,
                "the seccomp program for " + arch.word + " needs " + program.size()
                    + " instructions, more than the kernel's limit of " + Insn.MAX_INSNS + " (BPF_MAXINSNS)", where,
                "use fewer argument conditions, or fewer rules with distinct actions"));
            return new Result(null, enforcement, diags);
        }
        return new Result(program, enforcement, diags);
    }

    private List<Bpf> generate(Map<Integer, List<SyscallRule>> byNumber) {
        // Distinct outcomes, each with the name of its first call for the disassembly.
        List<Outcome> outcomes = new ArrayList<>();
        Map<Outcome, Integer> ids = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        int dflt = id(Outcome.of(policy.defaultAction()), outcomes, ids);
        int foreign = id(Outcome.of(policy.foreignArch()), outcomes, ids);
        TreeMap<Long, Integer> perNumber = new TreeMap<>();
        for (Map.Entry<Integer, List<SyscallRule>> e : byNumber.entrySet()) {
            int o = id(outcome(e.getValue()), outcomes, ids);
            names.putIfAbsent(o, arch.table().name(e.getKey()).orElse("nr" + e.getKey()));
            if (o != dflt) perNumber.put((long) e.getKey(), o);
        }
        long top = arch.hasX32 ? Arch.X32_SYSCALL_BIT - 1L : 0xFFFFFFFFL;
        Set<Integer> real = new HashSet<>(arch.table().byNumber().keySet());
        List<Dispatch.Segment> segments = Dispatch.segments(perNumber, dflt, real, top, foreign);

        Bpf.Label nr = labels.fresh("nr");
        out.add(new Bpf.Note("seccomp_data.arch"));
        out.add(new Bpf.Load(ArgChecks.ARCH_OFFSET));
        out.add(new Bpf.Jump(Bpf.Test.JEQ, arch.auditArch, nr, ret(policy.foreignArch())));
        out.add(new Bpf.Mark(nr));
        out.add(new Bpf.Note("seccomp_data.nr"));
        out.add(new Bpf.Load(ArgChecks.NR_OFFSET));
        Map<Integer, Bpf.Label> chainLabels = new LinkedHashMap<>();
        for (int o = 0; o < outcomes.size(); o++) {
            if (!outcomes.get(o).pure()) chainLabels.put(o, labels.fresh(names.getOrDefault(o, "rules")));
        }
        Dispatch.emit(segments, o -> outcomes.get(o).pure() ? ret(outcomes.get(o).otherwise()) : chainLabels.get(o),
            n -> arch.table().name((int) n).orElse(null), labels, out);
        for (Map.Entry<Integer, Bpf.Label> e : chainLabels.entrySet()) {
            out.add(new Bpf.Mark(e.getValue()));
            chain(outcomes.get(e.getKey()));
        }
        for (Map.Entry<Integer, Bpf.Label> e : retLabels.entrySet()) {
            out.add(new Bpf.Mark(e.getValue()));
            out.add(new Bpf.Note(SeccompRet.action(e.getKey()).render()));
            out.add(new Bpf.Return(e.getKey()));
        }
        return out;
    }

    private static int id(Outcome o, List<Outcome> outcomes, Map<Outcome, Integer> ids) {
        return ids.computeIfAbsent(o, k -> {
            outcomes.add(k);
            return outcomes.size() - 1;
        });
    }

    private Bpf.Label ret(Action a) {
        return retLabels.computeIfAbsent(SeccompRet.of(a), v -> labels.fresh(a.render().replace(' ', '_').replace('-', '_')));
    }

    /**
     * The outcome of one number's rules (in precedence order): conditions that always hold are
     * dropped, rules that can never match are dropped, the first rule without conditions ends
     * the list, and trailing guarded rules with the fall-back action are dropped since they
     * change nothing.
     */
    static Outcome outcome(List<SyscallRule> rules, Action fallback) {
        List<Outcome.Guard> guards = new ArrayList<>();
        Action otherwise = fallback;
        for (SyscallRule r : rules) {
            if (r.conditions().stream().anyMatch(ArgChecks::neverTrue)) continue;
            Set<ArgCondition> conds = new LinkedHashSet<>();
            for (ArgCondition c : r.conditions()) if (!ArgChecks.alwaysTrue(c)) conds.add(c);
            if (conds.isEmpty()) {
                otherwise = r.action();
                break;
            }
            guards.add(new Outcome.Guard(List.copyOf(conds), r.action()));
        }
        while (!guards.isEmpty() && guards.get(guards.size() - 1).action().equals(otherwise)) {
            guards.remove(guards.size() - 1);
        }
        return new Outcome(guards, otherwise);
    }

    private Outcome outcome(List<SyscallRule> rules) {
        return outcome(rules, policy.defaultAction());
    }

    private void chain(Outcome o) {
        List<Outcome.Guard> guards = o.guards();
        int g = 0;
        while (g < guards.size()) {
            // Consecutive rules with one action that each test one bit of the same word
            // (`flags & BIT == BIT`) are one test: any of those bits set.
            int end = g + 1;
            int bits = singleBit(guards.get(g));
            int word = bits == 0 ? -1 : bitWord(guards.get(g));
            while (bits != 0 && end < guards.size() && guards.get(end).action().equals(guards.get(g).action())
                && singleBit(guards.get(end)) != 0 && bitWord(guards.get(end)) == word) {
                bits |= singleBit(guards.get(end));
                end++;
            }
            boolean last = end == guards.size();
            Bpf.Label fail = last ? ret(o.otherwise()) : labels.fresh("rule");
            if (end - g > 1) {
                out.add(new Bpf.Note("any of 0x" + Integer.toHexString(bits) + " set in word " + word));
                out.add(new Bpf.Load(word));
                out.add(new Bpf.Jump(Bpf.Test.JSET, bits, ret(guards.get(g).action()), fail));
            } else {
                List<ArgCondition> conds = guards.get(g).conditions();
                for (int i = 0; i < conds.size(); i++) {
                    Bpf.Label pass = i == conds.size() - 1 ? ret(guards.get(g).action()) : labels.fresh("and");
                    ArgChecks.emit(conds.get(i), pass, fail, labels, out);
                    if (i < conds.size() - 1) out.add(new Bpf.Mark(pass));
                }
            }
            if (!last) out.add(new Bpf.Mark(fail));
            g = end;
        }
    }

    /** The bit a guard tests when it is exactly {@code argN & BIT == BIT} for one bit, else 0. */
    private static int singleBit(Outcome.Guard g) {
        if (g.conditions().size() != 1) return 0;
        ArgCondition c = g.conditions().get(0);
        if (c.op() != ArgCondition.Op.MASKED_EQ || c.value() != c.mask() || Long.bitCount(c.mask()) != 1) return 0;
        long m = c.mask();
        return (int) ((m & 0xffffffffL) != 0 ? m : m >>> 32);
    }

    /** The seccomp_data offset of the word a single-bit guard tests. */
    private static int bitWord(Outcome.Guard g) {
        ArgCondition c = g.conditions().get(0);
        return (c.mask() & 0xffffffffL) != 0 ? ArgChecks.low(c.arg()) : ArgChecks.high(c.arg());
    }
}
