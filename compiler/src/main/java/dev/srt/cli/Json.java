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
    /** Created on first use: text output never pays for Jackson's start-up. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

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

    /**
     * The enforcement report: for every rule a platform enforces and every target, the level
     * ({@code exact}, {@code approximate}, {@code none}, or {@code not-applicable} when the target
     * has no entry for the rule) and how.
     */
    static ArrayNode report(dev.srt.ir.Policy p, List<dev.srt.backend.Enforcement> report, List<dev.srt.backend.Target> targets) {
        ArrayNode a = array();
        for (EnforcedRules.Rule r : EnforcedRules.of(p)) {
            ObjectNode rn = object();
            rn.put("rule", r.text());
            location(rn, r.span());
            ArrayNode ts = array();
            List<dev.srt.backend.Enforcement> mine = ReportEntries.of(report, r.span(), r.text());
            for (dev.srt.backend.Target t : targets) {
                boolean any = false;
                for (dev.srt.backend.Enforcement e : mine) {
                    if (e.target() != t) continue;
                    any = true;
                    ObjectNode en = object();
                    en.put("target", t.id);
                    en.put("level", e.level().word());
                    if (e.how() == null) en.putNull("how");
                    else en.put("how", e.how());
                    ts.add(en);
                }
                if (!any) {
                    ObjectNode en = object();
                    en.put("target", t.id);
                    en.put("level", "not-applicable");
                    en.putNull("how");
                    ts.add(en);
                }
            }
            rn.set("targets", ts);
            a.add(rn);
        }
        return a;
    }

    /** A failed run as a document: {@code ok: false} and the one-line reason. */
    static void fail(String command, String error) {
        ObjectNode doc = document(command);
        doc.put("ok", false);
        doc.put("error", error);
        print(doc);
    }

    static void print(ObjectNode doc) {
        try {
            System.out.println(Mapper.INSTANCE.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
