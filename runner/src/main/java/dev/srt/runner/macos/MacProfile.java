package dev.srt.runner.macos;

import dev.srt.backend.Lowered;
import dev.srt.backend.seatbelt.Layout;
import dev.srt.backend.seatbelt.SbplParams;
import dev.srt.backend.seatbelt.SeatbeltBackend;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile and parameters for one run. Seatbelt obeys the last matching rule and srt the
 * deepest, so the profile's order depends on how deep the run's directories are; the compiled
 * profile is ordered for {@link Layout#DEFAULT} and is used as is when this run's layout gives
 * the same text, otherwise the policy is lowered again for the real layout (same rules, other
 * order). {@code ctx} must hold real paths (symbolic links resolved, e.g. /private/var/...).
 * {@link #forRun} throws {@link IllegalStateException} (with a message for the user) when the
 * run's layout would make a rule written with {@code exact} approximate.
 */
public record MacProfile(String text, Map<String, String> parameters, boolean relowered) {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    public static MacProfile forRun(Policy policy, String compiled, RuntimeContext ctx, int httpPort, int socksPort, String logTag) {
        LogStreamCommand.check(logTag);
        Lowered l = new SeatbeltBackend().lower(policy, Layout.of(ctx));
        if (l.bytes() == null) throw new IllegalStateException("the policy does not lower for macOS: " + l.diagnostics());
        // The compile checked `exact` for the default layout; this run's layout must not weaken it.
        java.util.Set<dev.srt.ir.Span> exact = new java.util.HashSet<>();
        for (var r : policy.filesystem().rules()) if (r.exact()) exact.add(r.span());
        for (var e : l.enforcement()) {
            if (exact.contains(e.rule()) && e.level() != dev.srt.backend.Enforcement.Level.EXACT) {
                throw new IllegalStateException(e.rule() + ": `" + e.ruleText() + "` must be enforced exactly, but in this directory layout "
                    + "Seatbelt enforces it " + e.level().word() + ": " + e.how());
            }
        }
        boolean same = l.readable().equals(compiled);
        return new MacProfile(same ? compiled : l.readable(), parameters(policy, ctx, httpPort, socksPort, logTag), !same);
    }

    /** Every parameter the profile may read. */
    public static Map<String, String> parameters(Policy policy, RuntimeContext ctx, int httpPort, int socksPort, String logTag) {
        TreeSet<String> env = new TreeSet<>();
        policy.filesystem().rules().forEach(r -> env.addAll(envNames(r.path().text())));
        policy.filesystem().protects().forEach(r -> env.addAll(envNames(r.path().text())));
        policy.network().unixSockets().forEach(r -> {
            if (!r.all()) env.addAll(envNames(r.path().text()));
        });
        Map<String, String> m = new LinkedHashMap<>(SbplParams.paths(ctx, env));
        m.put(SbplParams.HTTP_PROXY_PORT, Integer.toString(httpPort));
        m.put(SbplParams.SOCKS_PROXY_PORT, Integer.toString(socksPort));
        m.put(SbplParams.LOG_TAG, logTag);
        return m;
    }

    private static java.util.List<String> envNames(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher m = ENV.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
