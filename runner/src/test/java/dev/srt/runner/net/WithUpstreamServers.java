package dev.srt.runner.net;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that talk to the real upstream servers on 127.0.0.1, started once per class. */
abstract class WithUpstreamServers {
    static TestServers servers;
    static int port;

    @BeforeAll
    static void up() throws Exception {
        servers = new TestServers();
        port = servers.httpPort();
    }

    @AfterAll
    static void down() throws Exception {
        servers.close();
    }
}
