package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.Probe;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.eval.Decision;
import dev.srt.ir.eval.Evaluator;
import dev.srt.ir.eval.Origin;
import dev.srt.tools.query.ProbeText;
import dev.srt.verify.Layer;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code srtc query POLICY OP TARGET}: one decision, the rule behind it and the rules that lost. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Decides one operation under a policy (.srt or compiled.bin): the verdict, the rule that made it,",
        "the rules that matched but lost, and the verdict of each platform's output that can be evaluated here.",
        "Paths are decided in the test context: HOME=/home/user, CWD=/home/user/work, TMP=/tmp/srt."})
final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POLICY", description = "a .srt policy or a compiled.bin")
    String policy;

    @Parameters(index = "1", paramLabel = "OP", description = "read, write, connect, unix, bind or syscall")
    String op;

    @Parameters(index = "2", paramLabel = "TARGET",
        description = "a path, host:port, port, or NAME(ARGS...) e.g. 'socket(AF_UNIX, SOCK_STREAM, 0)'")
    String target;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        ProbeText.Parsed parsed = ProbeText.parse(op, target);
        if (parsed.probe() == null) {
            if (format.json()) Json.fail("query", parsed.error());
            System.err.println("srtc: " + parsed.error());
            return 2;
        }
        LoadedPolicy lp;
        try {
            lp = LoadedPolicy.load(policy);
        } catch (PolicyFiles.InputException e) {
            if (format.json()) Json.fail("query", e.getMessage());
            System.err.println("srtc: " + e.getMessage());
            return 1;
        }
        if (!lp.ok()) {
            if (format.json()) {
                ObjectNode doc = Json.document("query");
                doc.put("ok", false);
                doc.put("error", policy + " has errors");
                doc.set("diagnostics", Json.diagnostics(lp.diagnostics()));
                Json.print(doc);
            } else {
                System.err.print(DiagnosticPrinter.render(lp.diagnostics(), lp.sources()));
            }
            return 1;
        }
        Probe probe = parsed.probe();
        Decision d = new Evaluator(lp.policy(), RuntimeContext.TEST).decide(probe);
        ObjectNode doc = Json.document("query");
        doc.put("ok", true);
        doc.put("policy", policy);
        doc.put("probe", probe.render());
        String concrete = concretePath(probe);
        if (concrete != null) doc.put("path", concrete);
        doc.put("verdict", d.verdict());
        doc.set("decidedBy", Json.rule(d.decidedBy()));
        ArrayNode lost = Json.array();
        for (Origin o : d.overruled()) lost.add(Json.rule(o));
        doc.set("overruled", lost);
        ArrayNode platforms = Json.array();
        StringBuilder text = new StringBuilder();
        text.append(probe.render()).append(concrete != null ? "   (" + concrete + " in the test context)" : "").append('\n');
        text.append("verdict:    ").append(d.verdict()).append('\n');
        text.append("decided by: ").append(d.decidedBy()).append('\n');
        if (!d.overruled().isEmpty()) {
            text.append("matched but lost:\n");
            for (Origin o : d.overruled()) text.append("  ").append(o).append('\n');
        }
        text.append("platforms:\n");
        for (Layer l : Layers.all()) {
            ObjectNode pn = Json.object();
            pn.put("layer", l.name());
            Optional<Layer.Verdict> v;
            try {
                v = l.decide(lp.policy(), probe);
            } catch (RuntimeException ex) {
                v = Optional.of(new Layer.Verdict("error: " + ex.getMessage(), "-"));
            }
            if (v.isEmpty()) {
                pn.put("applicable", false);
                text.append(String.format("  %-16s not applicable (this output does not decide this %s)%n", l.name(), opWord(probe)));
            } else {
                pn.put("applicable", true);
                pn.put("verdict", v.get().verdict());
                pn.put("rule", v.get().rule());
                boolean agrees = v.get().verdict().equals(d.verdict());
                pn.put("agrees", agrees);
                text.append(String.format("  %-16s %s by %s%s%n", l.name(), v.get().verdict(), v.get().rule(), agrees ? "" : "   <- differs from the IR"));
            }
            platforms.add(pn);
        }
        doc.set("platforms", platforms);
        if (format.json()) Json.print(doc);
        else System.out.print(text);
        return 0;
    }

    private static String opWord(Probe p) {
        return p.render().substring(0, p.render().indexOf(' '));
    }

    private static String concretePath(Probe p) {
        String path = p instanceof Probe.Read ? ((Probe.Read) p).path() : p instanceof Probe.Write ? ((Probe.Write) p).path()
            : p instanceof Probe.Unix ? ((Probe.Unix) p).path() : null;
        if (path == null) return null;
        try {
            return PathSyntax.resolveConcrete(path, RuntimeContext.TEST);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
