package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srt.tools.diff.PolicyDiff;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srtc diff OLD NEW}: what a policy change grants and revokes, with examples and the rules responsible. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compares two policies (.srt or compiled.bin) by meaning, after includes and defaults:",
        "permissions granted and revoked, each with a concrete example and the rules responsible,",
        "and a verdict: broadens, narrows, mixed or equivalent. Paths are shown in the test context",
        "(HOME=/home/user, CWD=/home/user/work, TMP=/tmp/srt)."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "the policy before the change")
    String oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "the policy after the change")
    String newFile;

    @Option(names = "--fail-on-broaden", description = "exit 1 when the change grants anything (for CI)")
    boolean failOnBroaden;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        LoadedPolicy a;
        LoadedPolicy b;
        try {
            a = LoadedPolicy.load(oldFile);
            b = LoadedPolicy.load(newFile);
        } catch (PolicyFiles.InputException e) {
            if (format.json()) Json.fail("diff", e.getMessage());
            System.err.println("srtc: " + e.getMessage());
            return 1;
        }
        for (LoadedPolicy p : List.of(a, b)) {
            if (!p.ok()) {
                if (format.json()) {
                    ObjectNode doc = Json.document("diff");
                    doc.put("ok", false);
                    doc.put("error", p.file() + " has errors");
                    doc.set("diagnostics", Json.diagnostics(p.diagnostics()));
                    Json.print(doc);
                } else {
                    System.err.print(DiagnosticPrinter.render(p.diagnostics(), p.sources()));
                }
                return 1;
            }
        }
        PolicyDiff.Result r = PolicyDiff.diff(a.policy(), b.policy());
        if (format.json()) {
            ObjectNode doc = Json.document("diff");
            doc.put("ok", !(failOnBroaden && r.broadens()));
            doc.put("old", oldFile);
            doc.put("new", newFile);
            doc.put("verdict", r.verdict());
            doc.put("points", r.points());
            doc.set("granted", groups(r.granted()));
            doc.set("revoked", groups(r.revoked()));
            doc.set("changed", groups(r.changed()));
            Json.print(doc);
        } else {
            StringBuilder t = new StringBuilder();
            t.append("old: ").append(oldFile).append("\nnew: ").append(newFile).append('\n');
            section(t, "GRANTED (the new policy permits, the old refused)", r.granted());
            section(t, "REVOKED (the new policy refuses, the old permitted)", r.revoked());
            section(t, "CHANGED (refused both times, differently)", r.changed());
            t.append("\nverdict: ").append(r.verdict()).append("   (").append(r.points()).append(" probe points compared)\n");
            System.out.print(t);
        }
        return failOnBroaden && r.broadens() ? 1 : 0;
    }

    private static void section(StringBuilder t, String title, List<PolicyDiff.Group> gs) {
        if (gs.isEmpty()) return;
        t.append('\n').append(title).append('\n');
        for (PolicyDiff.Group g : gs) {
            t.append("  ").append(g.example());
            if (g.count() > 1) t.append("   (and ").append(g.count() - 1).append(" more like it)");
            t.append('\n');
            t.append("      before: ").append(g.before()).append(" by ").append(g.oldRule()).append('\n');
            t.append("      after:  ").append(g.after()).append(" by ").append(g.newRule()).append('\n');
        }
    }

    private static ArrayNode groups(List<PolicyDiff.Group> gs) {
        ArrayNode a = Json.array();
        for (PolicyDiff.Group g : gs) {
            ObjectNode o = Json.object();
            o.put("area", g.area());
            o.put("example", g.example());
            o.put("count", g.count());
            o.put("before", g.before());
            o.put("after", g.after());
            o.set("oldRule", Json.rule(g.oldRule()));
            o.set("newRule", Json.rule(g.newRule()));
            a.add(o);
        }
        return a;
    }
}
