package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The /proc/net/tcp entry the relays' readiness check looks for (proc(5)). */
class NetnsRelaysTest {
    @ParameterizedTest(name = "port {0}")
    @CsvSource({"3128, 0C38", "1080, 0438", "80, 0050", "1, 0001", "65535, FFFF", "43981, ABCD"})
    void listeningEntry(int port, String hex) {
        assertEquals(" 0100007F:" + hex + " 00000000:0000 0A ", NetnsRelays.listeningEntry(port));
    }
}
