package dev.srt.backend.seatbelt;

import dev.srt.backend.Lowered;
import dev.srt.ir.Paths;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.eval.Evaluator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One policy lowered for one run-time context, and the same questions asked of the IR
 * {@link Evaluator} and of the printed profile ({@link SbplEvaluator}). Paths given to the
 * profile are resolved the way macOS resolves them ({@link MacPaths}); so are the parameters.
 */
final class SeatbeltHarness {
    static final int HTTP_PORT = 40001;
    static final int SOCKS_PORT = 40002;

    final Policy policy;
    final RuntimeContext ctx;
    final Lowered lowered;
    final Evaluator ir;
    final SbplEvaluator sbpl;
    final Map<String, String> params;

    SeatbeltHarness(Policy policy, RuntimeContext ctx) {
        this.policy = policy;
        this.ctx = ctx;
        RuntimeContext mac = macContext(ctx);
        this.lowered = new SeatbeltBackend().lower(policy, Layout.of(mac));
        this.ir = new Evaluator(policy, ctx);
        this.params = params(policy, mac);
        this.sbpl = new SbplEvaluator(lowered.readable(), params);
    }

    static SeatbeltHarness of(Policy p) {
        return new SeatbeltHarness(p, RuntimeContext.TEST);
    }

    /** The context with its paths resolved as on macOS (/tmp is /private/tmp). */
    static RuntimeContext macContext(RuntimeContext c) {
        return SeatbeltLayer.macContext(c);
    }

    static Map<String, String> params(Policy p, RuntimeContext mac) {
        TreeSet<String> envNames = new TreeSet<>(mac.env().keySet());
        for (var r : p.filesystem().rules()) envNames.addAll(envVars(r.path().text()));
        for (var r : p.filesystem().protects()) envNames.addAll(envVars(r.path().text()));
        Map<String, String> m = new HashMap<>(SbplParams.paths(mac, envNames));
        m.put(SbplParams.HTTP_PROXY_PORT, Integer.toString(HTTP_PORT));
        m.put(SbplParams.SOCKS_PROXY_PORT, Integer.toString(SOCKS_PORT));
        m.put(SbplParams.LOG_TAG, "srt-0123456789abcdef");
        return m;
    }

    private static List<String> envVars(String text) {
        List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}").matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    boolean irRead(String path) {
        return ir.read(path).allowed();
    }

    boolean irWrite(String path) {
        return ir.write(path).allowed();
    }

    boolean sbRead(String path) {
        return sbpl.allows(SbplEvaluator.Request.file("file-read-data", MacPaths.resolve(Paths.normalize(path))));
    }

    /** Writing means creating and changing alike; both must agree or the profile is inconsistent. */
    boolean sbWrite(String path) {
        String p = MacPaths.resolve(Paths.normalize(path));
        boolean data = sbpl.allows(SbplEvaluator.Request.file("file-write-data", p));
        boolean create = sbpl.allows(SbplEvaluator.Request.file("file-write-create", p));
        boolean link = sbpl.allows(SbplEvaluator.Request.file("file-link", p));
        if (data != create || data != link) throw new AssertionError("write-data, write-create and link disagree on " + p);
        return data;
    }

    boolean irUnix(String path) {
        return ir.unix(path).allowed();
    }

    boolean sbUnix(String path) {
        return sbpl.allows(SbplEvaluator.Request.unix(MacPaths.resolve(Paths.normalize(path))));
    }

    boolean irBind(int port) {
        return ir.bind(port).allowed();
    }

    boolean sbBind(int port) {
        return sbpl.allows(SbplEvaluator.Request.bind(port));
    }

    boolean sbConnect(String host, int port) {
        return sbpl.allows(SbplEvaluator.Request.connect(host, port));
    }

    boolean exact() {
        return lowered.enforcement().stream().noneMatch(e -> e.level() == dev.srt.backend.Enforcement.Level.APPROXIMATE
            && !e.ruleText().startsWith("read default"));
    }
}
