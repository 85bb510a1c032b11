package dev.srt.backend.seccomp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays out a symbolic program: drops loads of a word the accumulator already holds, drops
 * jumps to the next instruction, then resolves every label in one final pass. A conditional
 * jump can only skip 255 instructions (its offsets are 8 bits), so a branch that reaches
 * further goes through an inserted {@code ja} (32-bit offset) placed right after the jump;
 * insertion repeats until every offset fits. Jumps are forward only, as the kernel requires.
 */
final class Assembler {
    private Assembler() {
    }

    static Program assemble(Arch arch, List<Bpf> symbolic) {
        List<Bpf> code = dropRedundantLoads(symbolic);
        code = dropJumpsToNext(code);
        int trampolines = 0;
        while (true) {
            Map<Bpf.Label, Integer> at = positions(code);
            List<Bpf> widened = new ArrayList<>(code.size() + 8);
            int index = 0;
            boolean changed = false;
            for (Bpf b : code) {
                if (b instanceof Bpf.Jump) {
                    Bpf.Jump j = (Bpf.Jump) b;
                    boolean farT = offset(at, j.ifTrue(), index) > 255;
                    boolean farF = offset(at, j.ifFalse(), index) > 255;
                    if (farT || farF) {
                        changed = true;
                        Bpf.Label t = farT ? new Bpf.Label("long" + (++trampolines)) : j.ifTrue();
                        Bpf.Label f = farF ? new Bpf.Label("long" + (++trampolines)) : j.ifFalse();
                        widened.add(new Bpf.Jump(j.test(), j.k(), t, f));
                        if (farT) {
                            widened.add(new Bpf.Mark(t));
                            widened.add(new Bpf.Goto(j.ifTrue()));
                        }
                        if (farF) {
                            widened.add(new Bpf.Mark(f));
                            widened.add(new Bpf.Goto(j.ifFalse()));
                        }
                        index++; // offsets are measured in the layout being widened; the next round re-measures
                        continue;
                    }
                }
                widened.add(b);
                if (isReal(b)) index++;
            }
            code = widened;
            if (!changed) break;
        }
        return emit(arch, code);
    }

    private static boolean isReal(Bpf b) {
        return !(b instanceof Bpf.Mark) && !(b instanceof Bpf.Note);
    }

    private static Map<Bpf.Label, Integer> positions(List<Bpf> code) {
        Map<Bpf.Label, Integer> at = new HashMap<>();
        int index = 0;
        for (Bpf b : code) {
            if (b instanceof Bpf.Mark) {
                if (at.put(((Bpf.Mark) b).label(), index) != null) {
                    throw new IllegalStateException("label placed twice: " + ((Bpf.Mark) b).label());
                }
            } else if (isReal(b)) {
                index++;
            }
        }
        return at;
    }

    private static int offset(Map<Bpf.Label, Integer> at, Bpf.Label target, int from) {
        Integer to = at.get(target);
        if (to == null) throw new IllegalStateException("label never placed: " + target.name());
        int off = to - from - 1;
        if (off < 0) throw new IllegalStateException("backward jump to " + target.name());
        return off;
    }

    private static Program emit(Arch arch, List<Bpf> code) {
        Map<Bpf.Label, Integer> at = positions(code);
        java.util.Set<Bpf.Label> used = new java.util.HashSet<>();
        for (Bpf b : code) {
            if (b instanceof Bpf.Jump) {
                used.add(((Bpf.Jump) b).ifTrue());
                used.add(((Bpf.Jump) b).ifFalse());
            } else if (b instanceof Bpf.Goto) {
                used.add(((Bpf.Goto) b).target());
            }
        }
        List<Insn> insns = new ArrayList<>();
        Map<Integer, List<String>> labels = new TreeMap<>();
        Map<Integer, String> notes = new TreeMap<>();
        for (Bpf b : code) {
            int index = insns.size();
            if (b instanceof Bpf.Mark) {
                if (!used.contains(((Bpf.Mark) b).label())) continue;
                labels.computeIfAbsent(index, i -> new ArrayList<>()).add(((Bpf.Mark) b).label().name());
            } else if (b instanceof Bpf.Note) {
                notes.merge(index, ((Bpf.Note) b).text(), (x, y) -> x + "; " + y);
            } else if (b instanceof Bpf.Load) {
                insns.add(Insn.load(((Bpf.Load) b).offset()));
            } else if (b instanceof Bpf.And) {
                insns.add(Insn.and(((Bpf.And) b).mask()));
            } else if (b instanceof Bpf.Jump) {
                Bpf.Jump j = (Bpf.Jump) b;
                insns.add(Insn.jump(j.test(), j.k(), offset(at, j.ifTrue(), index), offset(at, j.ifFalse(), index)));
            } else if (b instanceof Bpf.Goto) {
                insns.add(Insn.ja(offset(at, ((Bpf.Goto) b).target(), index)));
            } else if (b instanceof Bpf.Return) {
                insns.add(Insn.ret(((Bpf.Return) b).value()));
            } else {
                throw new IllegalStateException(b.toString());
            }
        }
        labels.replaceAll((k, v) -> List.copyOf(v));
        return new Program(arch, insns, labels, notes);
    }

    /**
     * Forward data flow over the accumulator: since every jump goes forward, one pass sees all
     * the ways into a label before the label itself. A load of the word A already holds on
     * every incoming path is removed.
     */
    static List<Bpf> dropRedundantLoads(List<Bpf> code) {
        final int unknown = -1;
        final int unreachable = -2;
        Map<Bpf.Label, Integer> incoming = new HashMap<>();
        List<Bpf> out = new ArrayList<>(code.size());
        int state = unknown; // program start: nothing loaded
        for (Bpf b : code) {
            if (b instanceof Bpf.Mark) {
                Integer in = incoming.get(((Bpf.Mark) b).label());
                state = meet(state, in == null ? unreachable : in, unreachable, unknown);
            } else if (b instanceof Bpf.Load) {
                int off = ((Bpf.Load) b).offset();
                if (state == off) continue;
                state = off;
            } else if (b instanceof Bpf.And) {
                state = unknown;
            } else if (b instanceof Bpf.Jump) {
                Bpf.Jump j = (Bpf.Jump) b;
                flow(incoming, j.ifTrue(), state, unreachable, unknown);
                flow(incoming, j.ifFalse(), state, unreachable, unknown);
                state = unreachable;
            } else if (b instanceof Bpf.Goto) {
                flow(incoming, ((Bpf.Goto) b).target(), state, unreachable, unknown);
                state = unreachable;
            } else if (b instanceof Bpf.Return) {
                state = unreachable;
            }
            out.add(b);
        }
        return out;
    }

    private static void flow(Map<Bpf.Label, Integer> incoming, Bpf.Label l, int state, int unreachable, int unknown) {
        Integer old = incoming.get(l);
        incoming.put(l, meet(old == null ? unreachable : old, state, unreachable, unknown));
    }

    private static int meet(int a, int b, int unreachable, int unknown) {
        if (a == unreachable) return b;
        if (b == unreachable) return a;
        return a == b ? a : unknown;
    }

    /** Removes {@code ja} to the very next instruction and turns two-way jumps to one place into {@code ja}. */
    static List<Bpf> dropJumpsToNext(List<Bpf> code) {
        List<Bpf> out = new ArrayList<>(code.size());
        for (int i = 0; i < code.size(); i++) {
            Bpf b = code.get(i);
            if (b instanceof Bpf.Jump && ((Bpf.Jump) b).ifTrue().equals(((Bpf.Jump) b).ifFalse())) {
                b = new Bpf.Goto(((Bpf.Jump) b).ifTrue());
            }
            if (b instanceof Bpf.Goto && marksBeforeNextReal(code, i + 1, ((Bpf.Goto) b).target())) continue;
            out.add(b);
        }
        return out;
    }

    private static boolean marksBeforeNextReal(List<Bpf> code, int from, Bpf.Label target) {
        for (int i = from; i < code.size(); i++) {
            Bpf b = code.get(i);
            if (b instanceof Bpf.Mark && ((Bpf.Mark) b).label().equals(target)) return true;
            if (isReal(b)) return false;
        }
        return false;
    }
}
