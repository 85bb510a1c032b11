package dev.srt.runner.net;

import dev.srt.ir.Hosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables that point the sandboxed command's tools at the proxies. {@code NO_PROXY}
 * lists only loopback destinations the policy does <em>not</em> allow through the proxy: those
 * can only mean services inside the sandbox's own namespace. A loopback destination the policy
 * allows (for example {@code localhost:8080} on the host) must go through the proxy, since
 * going direct would land in the empty namespace.
 */
public final class ProxyEnvironment {
    private ProxyEnvironment() {
    }

    public static Map<String, String> build(String httpUrl, String socksUrl, String sshProxyCommand, NetworkDecider decider) {
        Map<String, String> env = new LinkedHashMap<>();
        if (httpUrl != null) {
            for (String k : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) env.put(k, httpUrl);
        }
        String all = socksUrl != null ? socksUrl : httpUrl;
        env.put("ALL_PROXY", all);
        env.put("all_proxy", all);
        String noProxy = noProxy(decider);
        env.put("NO_PROXY", noProxy);
        env.put("no_proxy", noProxy);
        if (sshProxyCommand != null) {
            env.put("GIT_SSH_COMMAND", "ssh -o ProxyCommand=" + shellQuote(sshProxyCommand));
        }
        return env;
    }

    static String noProxy(NetworkDecider decider) {
        List<String> out = new ArrayList<>();
        for (String h : List.of("localhost", "127.0.0.1", "::1")) {
            Hosts.Canonical c = Hosts.canonical(h).orElseThrow();
            if (!decider.allowsAnyPort(c)) out.add(h);
        }
        return String.join(",", out);
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
