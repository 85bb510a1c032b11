package dev.srt.backend.seatbelt;

import dev.srt.backend.Lowered;
import dev.srt.ir.PathSyntax;
import dev.srt.ir.Paths;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.RuntimeContext;
import dev.srt.verify.Layer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code srtc test} and {@code srtc query} through the Seatbelt profile: the policy is lowered
 * for the test context as macOS sees it ({@code /tmp} is {@code /private/tmp}), and reads,
 * writes, unix sockets and binding are decided by {@link SbplEvaluator} over the printed
 * profile, paths resolved as macOS resolves them. Connections to hosts are not the profile's
 * to decide (it only lets the program reach srt's proxies), nor are system calls.
 */
public final class SeatbeltLayer implements Layer {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    /** The evaluator of the last policy asked about: srtc test asks about one policy many times. */
    private Policy cachedFor;
    private SbplEvaluator cached;

    @Override
    public String name() {
        return "seatbelt";
    }

    @Override
    public Optional<Verdict> decide(Policy policy, Probe probe) {
        String path;
        String op;
        if (probe instanceof Probe.Read) {
            path = ((Probe.Read) probe).path();
            op = "file-read-data";
        } else if (probe instanceof Probe.Write) {
            path = ((Probe.Write) probe).path();
            op = "file-write-data";
        } else if (probe instanceof Probe.Unix) {
            path = ((Probe.Unix) probe).path();
            op = "network-outbound";
        } else if (probe instanceof Probe.Bind) {
            boolean ok = evaluator(policy).allows(SbplEvaluator.Request.bind(((Probe.Bind) probe).port()));
            return Optional.of(new Verdict(ok ? "allow" : "deny", "seatbelt profile (network-bind)"));
        } else {
            return Optional.empty();
        }
        String mac = MacPaths.resolve(Paths.normalize(PathSyntax.resolveConcrete(path, RuntimeContext.TEST)));
        SbplEvaluator sb = evaluator(policy);
        boolean ok;
        if (op.equals("file-write-data")) {
            // Writing means creating, changing and linking alike: all must be allowed.
            ok = sb.allows(SbplEvaluator.Request.file("file-write-data", mac)) && sb.allows(SbplEvaluator.Request.file("file-write-create", mac))
                && sb.allows(SbplEvaluator.Request.file("file-link", mac));
        } else if (op.equals("network-outbound")) {
            ok = sb.allows(SbplEvaluator.Request.unix(mac));
        } else {
            ok = sb.allows(SbplEvaluator.Request.file(op, mac));
        }
        return Optional.of(new Verdict(ok ? "allow" : "deny", "seatbelt profile (" + op + " " + mac + ")"));
    }

    private SbplEvaluator evaluator(Policy policy) {
        if (cachedFor != policy) {
            RuntimeContext mac = macContext(RuntimeContext.TEST);
            Lowered l = new SeatbeltBackend().lower(policy, Layout.of(mac));
            if (l.readable() == null || l.bytes() == null) throw new IllegalStateException("the policy does not lower to a Seatbelt profile");
            cached = new SbplEvaluator(l.readable(), params(policy, mac));
            cachedFor = policy;
        }
        return cached;
    }

    /** The context with its paths resolved as on macOS. */
    static RuntimeContext macContext(RuntimeContext c) {
        Map<String, String> env = new HashMap<>();
        c.env().forEach((k, v) -> env.put(k, v.startsWith("/") ? MacPaths.resolve(Paths.normalize(v)) : v));
        return new RuntimeContext(MacPaths.resolve(c.home()), MacPaths.resolve(c.cwd()), MacPaths.resolve(c.tmp()),
            c.uid(), c.user(), env);
    }

    /** The parameters the runner passes to sandbox-exec; proxy ports and log tag are fixed test values. */
    static Map<String, String> params(Policy p, RuntimeContext mac) {
        TreeSet<String> envNames = new TreeSet<>(mac.env().keySet());
        for (var r : p.filesystem().rules()) envNames.addAll(envVars(r.path().text()));
        for (var r : p.filesystem().protects()) envNames.addAll(envVars(r.path().text()));
        Map<String, String> m = new HashMap<>(SbplParams.paths(mac, envNames));
        m.put(SbplParams.HTTP_PROXY_PORT, "40001");
        m.put(SbplParams.SOCKS_PROXY_PORT, "40002");
        m.put(SbplParams.LOG_TAG, "srt-test");
        return m;
    }

    private static TreeSet<String> envVars(String text) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = ENV.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
