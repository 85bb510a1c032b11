package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.runner.SrtException;
import org.junit.jupiter.api.Test;

/** SRT_RELAYS: socat by default, direct on request, anything else refused. */
class RelayModeTest {
    @Test
    void socatUnlessDirectIsAskedFor() throws SrtException {
        assertFalse(ProxyBridge.directRelays(null));
        assertFalse(ProxyBridge.directRelays(""));
        assertFalse(ProxyBridge.directRelays("socat"));
        assertTrue(ProxyBridge.directRelays("direct"));
    }

    @Test
    void anUnknownModeStopsTheRun() {
        SrtException e = assertThrows(SrtException.class, () -> ProxyBridge.directRelays("Direct"));
        assertEquals("SRT_RELAYS: expected socat or direct, not Direct", e.getMessage());
    }
}
