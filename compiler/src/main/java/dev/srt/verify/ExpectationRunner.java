package dev.srt.verify;

import dev.srt.ir.Expectation;
import dev.srt.ir.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a policy's {@code expect} lines against every layer. */
public final class ExpectationRunner {
    private final List<Layer> layers;

    public ExpectationRunner(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** One expectation's outcome: what each layer said, and whether all agreed with it. */
    public record Outcome(Expectation expectation, List<LayerAnswer> answers, boolean passed) {
    }

    public record LayerAnswer(String layer, Layer.Verdict verdict, boolean matches) {
    }

    public List<Outcome> run(Policy policy) {
        List<Outcome> out = new ArrayList<>();
        for (Expectation e : policy.expectations()) {
            List<LayerAnswer> answers = new ArrayList<>();
            boolean ok = true;
            for (Layer l : layers) {
                Optional<Layer.Verdict> v;
                try {
                    v = l.decide(policy, e.probe());
                } catch (RuntimeException ex) {
                    v = Optional.of(new Layer.Verdict("error: " + ex.getMessage(), "-"));
                }
                if (v.isEmpty()) continue;
                boolean m = matches(e, v.get().verdict());
                ok &= m;
                answers.add(new LayerAnswer(l.name(), v.get(), m));
            }
            out.add(new Outcome(e, answers, ok));
        }
        return out;
    }

    /** {@code expect allow|deny} match any allowing/denying verdict; an action must match exactly. */
    static boolean matches(Expectation e, String verdict) {
        if (e.action() != null) return verdict.equals(e.action().render());
        boolean allows = verdict.equals("allow") || verdict.equals("log");
        boolean error = verdict.startsWith("error");
        if (error) return false;
        return e.outcome() == dev.srt.ir.Effect.ALLOW ? allows : !allows;
    }
}
