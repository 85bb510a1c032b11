package dev.srt.runner.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading bwrap's {@code --json-status-fd} line (the sandbox's pid) without a JSON library. */
class BwrapStatusTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{ \"child-pid\": 4242 }|4242",
        "{\"child-pid\":7,\"cgroup-namespace\":4026531835}|7",
        "{ \"cgroup-namespace\": 4026531835, \"child-pid\" :\t 99 }|99",
        "{ \"child-pid\": \"12\" }|-1",
        "{ \"child-pid\": }|-1",
        "{ \"other\": 5 }|-1",
        "{ \"child-pid\": 99999999999999999999 }|-1",
        "x|-1",
    })
    void childPid(String line, long expected) {
        assertEquals(expected, BwrapLauncher.jsonNumber(line, "child-pid"));
    }
}
