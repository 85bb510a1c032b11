package dev.srt.runner.macos;

import dev.srt.backend.seatbelt.MacPaths;
import dev.srt.ir.Glob;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.eval.Decision;
import dev.srt.ir.eval.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns denials into violations: names the policy rule that refused each one (asking srt's
 * reference {@link Evaluator}, so the answer is the rule the policy means) and drops those the
 * policy's {@code ignore} rules cover for this command.
 */
public final class ViolationMapper {
    /** The rule text for operations no policy rule governs on macOS. */
    public static final String DEFAULT_RULE = "not granted by srt's macOS profile (deny default)";
    public static final String DIRECT_NETWORK_RULE = "direct connections are refused; programs reach the network through srt's proxy";
    public static final String BASELINE_RULE = "refused by Seatbelt although the policy allows it (see docs/macos.md)";
    private static final Pattern PORT = Pattern.compile(".*:(\\d{1,5})$");

    private final Policy policy;
    private final Evaluator evaluator;
    private final String commandLine;

    /** {@code ctx} holds the run's values as resolved real paths, as passed to the profile. */
    public ViolationMapper(Policy policy, RuntimeContext ctx, String commandLine) {
        this.policy = policy;
        this.evaluator = new Evaluator(policy, ctx);
        this.commandLine = commandLine;
    }

    /** The violation, or empty when an ignore rule covers it. */
    public Optional<Violation> map(Denial d) {
        String[] rule = rule(d);
        Violation v = new Violation(d.time(), commandLine, d.process() + "[" + d.pid() + "]",
            d.target().isEmpty() ? d.operation() : d.operation() + " " + d.target(), rule[0], rule[1]);
        return ignored(v) ? Optional.empty() : Optional.of(v);
    }

    boolean ignored(Violation v) {
        for (IgnoreRule r : policy.ignores()) {
            if (Glob.segmentMatches(r.command(), commandLine) && Glob.segmentMatches("*" + r.violation() + "*", v.description())) {
                return true;
            }
        }
        return false;
    }

    private String[] rule(Denial d) {
        String op = d.operation();
        String t = d.target();
        try {
            if (op.startsWith("file-read") && t.startsWith("/")) return fromFile(t, true);
            if ((op.startsWith("file-write") || op.equals("file-link")) && t.startsWith("/")) return fromFile(t, false);
            if (op.equals("network-outbound") && t.startsWith("/")) return fromSocket(t);
            if (op.equals("network-outbound")) return new String[] {DIRECT_NETWORK_RULE, "<builtin>"};
            if (op.equals("network-bind") || op.equals("network-inbound")) {
                Matcher m = PORT.matcher(t);
                if (m.matches()) return decided(evaluator.bind(Integer.parseInt(m.group(1))), BASELINE_RULE);
            }
        } catch (RuntimeException e) {
            // a path or port the evaluator refuses to read: report the operation without a rule
        }
        return new String[] {DEFAULT_RULE, "<builtin>"};
    }

    /** The path as Seatbelt saw it, and as a policy spells it when it lies below /private/tmp|etc|var. */
    private static List<String> spellings(String path) {
        List<String> candidates = new ArrayList<>();
        candidates.add(path);
        for (String p : MacPaths.PRIVATE) {
            String prefix = "/private/" + p;
            if (path.equals(prefix) || path.startsWith(prefix + "/")) candidates.add(path.substring("/private".length()));
        }
        return candidates;
    }

    private String[] fromSocket(String path) {
        for (String c : spellings(path)) {
            Decision dec = evaluator.unix(c);
            if (dec.allowed()) return new String[] {BASELINE_RULE, "<builtin>"};
        }
        Decision dec = evaluator.unix(path);
        return new String[] {dec.decidedBy().rule(), dec.decidedBy().span().toString()};
    }

    /** The rule for a file path as Seatbelt saw it, also trying the form before /private. */
    private String[] fromFile(String path, boolean read) {
        for (String c : spellings(path)) {
            Decision dec = read ? evaluator.read(c) : evaluator.write(c);
            if (!dec.allowed()) return new String[] {dec.decidedBy().rule(), dec.decidedBy().span().toString()};
        }
        return new String[] {BASELINE_RULE, "<builtin>"};
    }

    private static String[] decided(Decision dec, String otherwise) {
        if (dec.allowed()) return new String[] {otherwise, "<builtin>"};
        return new String[] {dec.decidedBy().rule(), dec.decidedBy().span().toString()};
    }
}
