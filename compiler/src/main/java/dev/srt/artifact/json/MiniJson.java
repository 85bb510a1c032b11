package dev.srt.artifact.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259 values to Map, List, String, Long, Boolean, null) for
 * the sections {@code srt run} reads at start-up (the bwrap template, the IR's network rules):
 * loading and initialising Jackson costs srt more start-up time than the whole sandbox set-up.
 * Only integers are numbers here (compiled.bin holds no others). Duplicate keys, leading zeros,
 * trailing data, malformed UTF-8 and nesting deeper than 64 are errors.
 */
public final class MiniJson {
    private final String s;
    private int i;
    private int depth;

    private MiniJson(String s) {
        this.s = s;
    }

    /** Parses UTF-8 bytes; malformed UTF-8 is an error, not replaced. */
    public static Object parse(byte[] utf8) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("malformed UTF-8");
        }
        return parse(text);
    }

    public static Object parse(String text) throws IOException {
        MiniJson p = new MiniJson(text);
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) throw p.error("trailing data");
        return v;
    }

    private IOException error(String what) {
        return new IOException(what + " at offset " + i);
    }

    private void ws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) i++;
    }

    private Object value() throws IOException {
        ws();
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("unexpected character");
    }

    private Map<String, Object> object() throws IOException {
        if (++depth > 64) throw error("nested too deep");
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            depth--;
            return m;
        }
        while (true) {
            ws();
            if (i >= s.length() || s.charAt(i) != '"') throw error("expected a key");
            String k = string();
            ws();
            if (i >= s.length() || s.charAt(i) != ':') throw error("expected ':'");
            i++;
            if (m.containsKey(k)) throw error("duplicate key " + k);
            m.put(k, value());
            ws();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i++);
            if (c == '}') break;
            if (c != ',') throw error("expected ',' or '}'");
        }
        depth--;
        return m;
    }

    private List<Object> array() throws IOException {
        if (++depth > 64) throw error("nested too deep");
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            depth--;
            return l;
        }
        while (true) {
            l.add(value());
            ws();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i++);
            if (c == ']') break;
            if (c != ',') throw error("expected ',' or ']'");
        }
        depth--;
        return l;
    }

    private String string() throws IOException {
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) throw error("unterminated escape");
            char e = s.charAt(i++);
            switch (e) {
                case '"': b.append('"'); break;
                case '\\': b.append('\\'); break;
                case '/': b.append('/'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u':
                    int u = 0;
                    for (int k = 0; k < 4; k++) {
                        // exactly four ASCII hex digits (Integer.parseInt would also take a sign)
                        int d = i < s.length() && s.charAt(i) < 0x80 ? Character.digit(s.charAt(i), 16) : -1;
                        if (d < 0) throw error("bad \\u escape");
                        u = u * 16 + d;
                        i++;
                    }
                    b.append((char) u);
                    break;
                default: throw error("bad escape");
            }
        }
    }

    private Long number() throws IOException {
        int start = i;
        if (s.charAt(i) == '-') i++;
        int digits = i;
        // ASCII digits only (Character.isDigit takes other scripts' digits too); no leading zeros (RFC 8259)
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        if (i == digits) throw error("bad number");
        if (s.charAt(digits) == '0' && i - digits > 1) throw error("leading zero in number");
        if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E')) throw error("only integers expected");
        try {
            return Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }
}
