package dev.srt.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostEnvironmentTest {
    @Test
    void withoutTheLaunchersMarkTheEnvironmentIsTheHosts() {
        Map<String, String> env = Map.of("LC_ALL", "C.UTF-8", "PATH", "/bin");
        assertEquals(env, HostEnvironment.restore(env));
    }

    @Test
    void anUnsetLcAllIsUnsetAgain() {
        assertEquals(Map.of("PATH", "/bin", "LANG", "C"),
            HostEnvironment.restore(Map.of("LC_ALL", "C.UTF-8", "SRT_LC_ALL", "", "PATH", "/bin", "LANG", "C")));
    }

    @Test
    void aSetLcAllGetsItsValueBackEvenWhenEmpty() {
        assertEquals(Map.of("LC_ALL", "POSIX"), HostEnvironment.restore(Map.of("LC_ALL", "C.UTF-8", "SRT_LC_ALL", "=POSIX")));
        assertEquals(Map.of("LC_ALL", ""), HostEnvironment.restore(Map.of("LC_ALL", "C.UTF-8", "SRT_LC_ALL", "=")));
    }
}
