package dev.srt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Span;
import dev.srt.ir.eval.Origin;
import java.util.List;

/**
 * The JSON documents of {@code --format json}: built as ordered trees so the output is stable
 * and deterministic (fields in the documented order, arrays in the text output's order).
 */
final class Json {
    static final int SCHEMA = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A document for {@code command}: {@code {"schema": 1, "command": ...}}. */
    static ObjectNode document(String command) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("schema", SCHEMA);
        o.put("command", command);
        return o;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static ArrayNode diagnostics(List<Diagnostic> ds) {
        ArrayNode a = array();
        for (Diagnostic d : ds) a.add(diagnostic(d));
        return a;
    }

    static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode o = object();
        o.put("severity", d.severity().word());
        o.put("code", d.code());
        o.put("message", d.message());
        location(o, d.span());
        if (d.help() == null) o.putNull("help");
        else o.put("help", d.help());
        return o;
    }

    /** {@code file}, {@code line}, {@code col}; built-in rules have file "<builtin>" and line 0. */
    static void location(ObjectNode o, Span s) {
        o.put("file", s.file());
        o.put("line", s.line());
        o.put("col", s.col());
    }

    static ObjectNode rule(Origin origin) {
        ObjectNode o = object();
        o.put("rule", origin.rule());
        location(o, origin.span());
        return o;
    }

    /** One input that could not be read: {@code {"file": ..., "error": ...}}. */
    static ObjectNode inputError(String file, String message) {
        ObjectNode o = object();
        o.put("file", file);
        o.put("error", message);
        return o;
    }

    static void print(ObjectNode doc) {
        try {
            System.out.println(MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
