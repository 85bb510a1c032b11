package dev.srt.artifact.json;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One object of a {@link MiniJson} document read strictly: it has exactly the expected fields,
 * each value has the expected type, and every problem is an {@link IOException} naming the field
 * by its path (e.g. {@code network.rules[2].port}). Nothing has a default: a field that may be
 * null must still be present.
 */
public final class StrictObject {
    private final Map<String, Object> fields;
    private final JsonPath path;

    private StrictObject(Map<String, Object> fields, JsonPath path) {
        this.fields = fields;
        this.path = path;
    }

    /** {@code value}, found at {@code path}, as an object with exactly the fields {@code names}. */
    @SuppressWarnings("unchecked")
    public static StrictObject of(Object value, JsonPath path, Set<String> names) throws IOException {
        if (!(value instanceof Map)) throw new IOException(path + ": expected an object, found " + kind(value));
        Map<String, Object> m = (Map<String, Object>) value;
        for (String k : m.keySet()) {
            if (!names.contains(k)) throw new IOException(path + ": unknown field \"" + k + "\"");
        }
        for (String k : names) {
            if (!m.containsKey(k)) throw new IOException(path + ": missing field \"" + k + "\"");
        }
        return new StrictObject(m, path);
    }

    /**
     * The string field {@code key} of an object whose other fields depend on it (a type tag),
     * read before the object is checked with {@link #of}.
     */
    @SuppressWarnings("unchecked")
    public static String tag(Object value, JsonPath path, String key) throws IOException {
        if (!(value instanceof Map)) throw new IOException(path + ": expected an object, found " + kind(value));
        Map<String, Object> m = (Map<String, Object>) value;
        if (!m.containsKey(key)) throw new IOException(path + ": missing field \"" + key + "\"");
        return new StrictObject(m, path).string(key);
    }

    /** The path of one of this object's fields. */
    public JsonPath path(String key) {
        return path.field(key);
    }

    /** The raw value of a field (a Map, List, String, Long, Boolean or null). */
    public Object value(String key) {
        return fields.get(key);
    }

    public String string(String key) throws IOException {
        Object o = fields.get(key);
        if (!(o instanceof String)) throw wrongType(key, "a string", o);
        return (String) o;
    }

    public String stringOrNull(String key) throws IOException {
        return fields.get(key) == null ? null : string(key);
    }

    public boolean bool(String key) throws IOException {
        Object o = fields.get(key);
        if (!(o instanceof Boolean)) throw wrongType(key, "a boolean", o);
        return (Boolean) o;
    }

    /** An integer field within {@code [min, max]}. */
    public int integer(String key, int min, int max) throws IOException {
        Object o = fields.get(key);
        if (!(o instanceof Long)) throw wrongType(key, "an integer", o);
        long v = (Long) o;
        if (v < min || v > max) throw new IOException(path(key) + ": " + v + " is out of range (" + min + " to " + max + ")");
        return (int) v;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) throws IOException {
        Object o = fields.get(key);
        if (!(o instanceof List)) throw wrongType(key, "a list", o);
        return (List<Object>) o;
    }

    /** A string field that must name one of {@code constants} exactly (case included). */
    public <E extends Enum<E>> E constant(String key, E[] constants) throws IOException {
        String s = string(key);
        for (E e : constants) if (e.name().equals(s)) return e;
        throw new IOException(path(key) + ": unknown value \"" + s + "\"");
    }

    /** An error about this field's value. */
    public IOException invalid(String key, String what) {
        return new IOException(path(key) + ": " + what);
    }

    private IOException wrongType(String key, String expected, Object found) {
        return new IOException(path(key) + ": expected " + expected + ", found " + kind(found));
    }

    /** The JSON type of a parsed value, for messages. */
    public static String kind(Object o) {
        if (o == null) return "null";
        if (o instanceof String) return "a string";
        if (o instanceof Long) return "an integer";
        if (o instanceof Boolean) return "a boolean";
        if (o instanceof List) return "a list";
        return "an object";
    }
}
