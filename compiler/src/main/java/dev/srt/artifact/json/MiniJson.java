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
    // A char array, not a String: srt parses these sections once per run, in the interpreter,
    // where every String.charAt is a chain of calls (several ms for a 5 KB section).
    private final char[] s;
    private final int n;
    private int i;
    private int depth;

    private MiniJson(char[] s, int n) {
        this.s = s;
        this.n = n;
    }

    /** Parses UTF-8 bytes; malformed UTF-8 is an error, not replaced. */
    public static Object parse(byte[] utf8) throws IOException {
        java.nio.CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8));
        } catch (CharacterCodingException e) {
            throw new IOException("malformed UTF-8");
        }
        return parse(new MiniJson(text.array(), text.limit()));
    }

    public static Object parse(String text) throws IOException {
        return parse(new MiniJson(text.toCharArray(), text.length()));
    }

    private static Object parse(MiniJson p) throws IOException {
        Object v = p.value();
        p.ws();
        if (p.i != p.n) throw p.error("trailing data");
        return v;
    }

    private boolean startsWith(String word) {
        if (n - i < word.length()) return false;
        for (int k = 0; k < word.length(); k++) if (s[i + k] != word.charAt(k)) return false;
        return true;
    }

    private IOException error(String what) {
        return new IOException(what + " at offset " + i);
    }

    private void ws() {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
    }

    private Object value() throws IOException {
        ws();
        if (i >= n) throw error("unexpected end");
        char c = s[i];
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (startsWith("true")) {
            i += 4;
            return Boolean.TRUE;
        }
        if (startsWith("false")) {
            i += 5;
            return Boolean.FALSE;
        }
        if (startsWith("null")) {
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
        if (i < n && s[i] == '}') {
            i++;
            depth--;
            return m;
        }
        while (true) {
            ws();
            if (i >= n || s[i] != '"') throw error("expected a key");
            String k = string();
            ws();
            if (i >= n || s[i] != ':') throw error("expected ':'");
            i++;
            if (m.containsKey(k)) throw error("duplicate key " + k);
            m.put(k, value());
            ws();
            if (i >= n) throw error("unexpected end");
            char c = s[i++];
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
        if (i < n && s[i] == ']') {
            i++;
            depth--;
            return l;
        }
        while (true) {
            l.add(value());
            ws();
            if (i >= n) throw error("unexpected end");
            char c = s[i++];
            if (c == ']') break;
            if (c != ',') throw error("expected ',' or ']'");
        }
        depth--;
        return l;
    }

    private String string() throws IOException {
        i++;
        // the common case, no escape: one copy instead of a StringBuilder append per character
        int end = i;
        while (end < n && s[end] != '"' && s[end] != '\\' && s[end] >= 0x20) end++;
        if (end < n && s[end] == '"') {
            String plain = new String(s, i, end - i);
            i = end + 1;
            return plain;
        }
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= n) throw error("unterminated string");
            char c = s[i++];
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= n) throw error("unterminated escape");
            char e = s[i++];
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
                        int d = i < n && s[i] < 0x80 ? Character.digit(s[i], 16) : -1;
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
        if (s[i] == '-') i++;
        int digits = i;
        // ASCII digits only (Character.isDigit takes other scripts' digits too); no leading zeros (RFC 8259)
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == digits) throw error("bad number");
        if (s[digits] == '0' && i - digits > 1) throw error("leading zero in number");
        if (i < n && (s[i] == '.' || s[i] == 'e' || s[i] == 'E')) throw error("only integers expected");
        try {
            return Long.parseLong(new String(s, start, i - start));
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }
}
