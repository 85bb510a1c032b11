package dev.srt.artifact.json;

/**
 * Where a value sits in a JSON document, such as {@code network.rules[2].port}. The text is built
 * only for an error message: on a successful read nothing is concatenated (the first string
 * concatenations of a JVM cost start-up time).
 */
public final class JsonPath {
    /** The document itself. */
    public static final JsonPath ROOT = new JsonPath(null, null, -1);

    private final JsonPath parent;
    private final String key;
    private final int index;

    private JsonPath(JsonPath parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    /** The path of field {@code name} of the object here. */
    public JsonPath field(String name) {
        return new JsonPath(this, name, -1);
    }

    /** The path of element {@code i} of the list here. */
    public JsonPath at(int i) {
        return new JsonPath(this, null, i);
    }

    @Override
    public String toString() {
        if (parent == null) return "the document";
        StringBuilder b = new StringBuilder();
        append(b);
        return b.toString();
    }

    private void append(StringBuilder b) {
        if (parent == null) return;
        parent.append(b);
        if (key == null) {
            b.append('[').append(index).append(']');
        } else {
            if (b.length() > 0) b.append('.');
            b.append(key);
        }
    }
}
