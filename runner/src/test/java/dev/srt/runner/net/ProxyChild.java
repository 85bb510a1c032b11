package dev.srt.runner.net;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * srt's proxies alone in a JVM started by a test with chosen JVM flags (test overrides): prints
 * {@code HTTP_PROXY URL} and, with the argument {@code unix}, {@code SOCKET PATH} of the unix
 * socket the relays lead to (as in {@code srt run}); serves until standard input closes. Netty
 * logs through java.util.logging to standard error: srt's own silencing is not installed here.
 */
public final class ProxyChild {
    private ProxyChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean unix = args.length > 0 && args[0].equals("unix");
        Path dir = unix ? Files.createTempDirectory("proxy-child") : null;
        ProxyOptions options = unix ? ProxyFixture.options().withSocketDir(dir) : ProxyFixture.options();
        try (ProxyHandle h = NetworkProxies.start(Rules.policy().allow("127.0.0.1").build(), options)) {
            System.out.println("HTTP_PROXY " + h.environment().get("HTTP_PROXY"));
            if (unix) System.out.println("SOCKET " + h.bridges().get(0).socket());
            System.out.flush();
            System.in.readAllBytes();
        } finally {
            if (dir != null) Files.deleteIfExists(dir);
        }
    }
}
