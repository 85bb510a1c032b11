package dev.srt.artifact.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict JSON reader by example: what it reads, and each malformed input refused with its reason. */
class MiniJsonTest {
    @Test
    void readsValues() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, -2L, 0L, Long.MAX_VALUE, Long.MIN_VALUE));
        m.put("b", Arrays.asList(true, false, null));
        m.put("c", Map.of());
        m.put("d", "q\"b\\s/\b\f\n\r\t\u00e9\ud83d\ude00\u00e9");
        Object v = MiniJson.parse(" {\"a\": [1, -2, -0, 9223372036854775807, -9223372036854775808],\n\t\"b\":[true,false,null],"
            + "\"c\":{}, \"d\":\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\u00e9\"} \r\n");
        assertEquals(m, v);
        assertEquals(List.of(), MiniJson.parse("[]"));
        assertEquals("", MiniJson.parse("\"\""));
    }

    @Test
    void readsUtf8AndNestingUpTo64() throws IOException {
        assertEquals("\u00e9\ud83d\ude00", MiniJson.parse("\"\u00e9\ud83d\ude00\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1L, ((List<?>) MiniJson.parse("[".repeat(64) + "1" + "]".repeat(64))).size());
        IOException e = assertThrows(IOException.class, () -> MiniJson.parse("[".repeat(65) + "1" + "]".repeat(65)));
        assertTrue(e.getMessage().startsWith("nested too deep"), e.getMessage());
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                     | unexpected end at offset 0",
        "`   `                  | unexpected end at offset 3",
        "{                      | expected a key at offset 1",
        "{\"a\" 1}              | expected ':' at offset 5",
        "{\"a\":1,}             | expected a key at offset 7",
        "{\"a\":1 \"b\":2}      | expected ',' or '}' at offset 8",
        "{\"a\":1,\"a\":2}      | duplicate key a at offset 11",
        "{a:1}                  | expected a key at offset 1",
        "[1,]                   | unexpected character at offset 3",
        "[1 2]                  | expected ',' or ']' at offset 4",
        "[1                     | unexpected end at offset 2",
        "1 2                    | trailing data at offset 2",
        "tru                    | unexpected character at offset 0",
        "nul                    | unexpected character at offset 0",
        "True                   | unexpected character at offset 0",
        "'a'                    | unexpected character at offset 0",
        "\"abc                  | unterminated string at offset 4",
        "\"a\\x\"               | bad escape at offset 4",
        "\"\\u12\"              | bad \\u escape at offset 5",
        "\"\\u-001\"            | bad \\u escape at offset 3",
        "\"\\u+001\"            | bad \\u escape at offset 3",
        "01                     | leading zero in number at offset 2",
        "-01                    | leading zero in number at offset 3",
        "-                      | bad number at offset 1",
        "-a                     | bad number at offset 1",
        "+1                     | unexpected character at offset 0",
        "1.5                    | only integers expected at offset 1",
        "1e3                    | only integers expected at offset 1",
        "9223372036854775808    | bad number at offset 19",
        "NaN                    | unexpected character at offset 0",
    })
    void refusesMalformedJson(String text, String message) {
        IOException e = assertThrows(IOException.class, () -> MiniJson.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesControlCharactersNonAsciiDigitsAndMalformedUtf8() {
        assertEquals("control character in string at offset 3",
            assertThrows(IOException.class, () -> MiniJson.parse("\"a\nb\"")).getMessage());
        // Arabic-Indic digits are digits to Character.isDigit, not to JSON
        assertThrows(IOException.class, () -> MiniJson.parse("\u0661"));
        assertThrows(IOException.class, () -> MiniJson.parse("[1\u0661]"));
        assertThrows(IOException.class, () -> MiniJson.parse("\"\\u\u0661\u0661\u0661\u0661\""));
        for (byte[] b : List.of(new byte[] {'"', (byte) 0xC3, '"'}, new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'},
            new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            assertEquals("malformed UTF-8", assertThrows(IOException.class, () -> MiniJson.parse(b)).getMessage());
        }
    }
}
