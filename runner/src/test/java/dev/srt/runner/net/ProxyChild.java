package dev.srt.runner.net;

/**
 * srt's proxies alone in a JVM started by a test with chosen JVM flags (on loopback TCP, test
 * overrides): prints {@code HTTP_PROXY URL}, serves until standard input closes.
 */
public final class ProxyChild {
    private ProxyChild() {
    }

    public static void main(String[] args) throws Exception {
        try (ProxyHandle h = NetworkProxies.start(Rules.policy().allow("127.0.0.1").build(), ProxyFixture.options())) {
            System.out.println("HTTP_PROXY " + h.environment().get("HTTP_PROXY"));
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
