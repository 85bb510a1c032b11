package dev.srt.runner.net;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For bench/proxy.sh: runs srt's proxies on a unix socket, as for a sandbox, with a policy that
 * allows 127.0.0.1; prints the socket, the secret and the pid, serves until stdin closes, then
 * prints the number of violations and this process's peak RSS (VmHWM).
 */
public final class ProxyBenchServer {
    private ProxyBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        ProxyOptions o = ProxyOptions.defaults(dir, "bench");
        try (ProxyHandle h = NetworkProxies.start(Rules.policy().allow("127.0.0.1").build(), o)) {
            String http = h.environment().get("HTTP_PROXY");
            String secret = http.substring(http.indexOf("srt:") + 4, http.indexOf('@'));
            System.out.println("SOCKET " + h.bindMounts().get(0));
            System.out.println("SECRET " + secret);
            System.out.println("PID " + ProcessHandle.current().pid());
            System.out.println("BRIDGE " + String.join(" ", h.bridges().get(0).command()));
            System.out.flush();
            System.in.readAllBytes();
            System.out.println("VIOLATIONS " + h.violations().entries().size());
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) System.out.println(line.replaceAll("\\s+", " "));
        }
    }
}
