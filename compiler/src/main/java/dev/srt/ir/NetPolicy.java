package dev.srt.ir;

import java.util.List;

/**
 * Network rules after includes. Connections are denied unless an allow rule matches and no
 * deny rule does (deny wins whatever the order or specificity).
 */
public record NetPolicy(List<NetRule> rules, List<UnixSocketRule> unixSockets, List<BindRule> bind,
                        List<ExternalProxy> proxies) {
    public NetPolicy {
        rules = List.copyOf(rules);
        unixSockets = List.copyOf(unixSockets);
        bind = List.copyOf(bind);
        proxies = List.copyOf(proxies);
    }

    /** True when any host may be reached at all, so the runner has to provide proxies. */
    public boolean anyNetwork() {
        return !proxies.isEmpty() || rules.stream().anyMatch(r -> r.effect() == Effect.ALLOW);
    }

    public boolean anyUnixSockets() {
        return !unixSockets.isEmpty();
    }

    public boolean allUnixSockets() {
        return unixSockets.stream().anyMatch(UnixSocketRule::all);
    }
}
