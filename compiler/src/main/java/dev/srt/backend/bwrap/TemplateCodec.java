package dev.srt.backend.bwrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/** The bwrap section's byte form: UTF-8 JSON of a {@link BwrapTemplate}. */
public final class TemplateCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TemplateCodec() {
    }

    public static byte[] write(BwrapTemplate t) {
        try {
            return MAPPER.writeValueAsBytes(t);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise bwrap template", e);
        }
    }

    /** Reads a template; a damaged or foreign section is an {@link IOException} with a plain reason. */
    public static BwrapTemplate read(byte[] bytes) throws IOException {
        BwrapTemplate t;
        try {
            t = MAPPER.readValue(bytes, BwrapTemplate.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException("damaged bwrap section: " + firstLine(e.getMessage()));
        }
        if (t == null || t.rules() == null || t.fixed() == null || t.process() == null || t.readDefault() == null
            || t.writeDefault() == null) {
            throw new IOException("damaged bwrap section: missing fields");
        }
        if (t.format() != BwrapTemplate.FORMAT) {
            throw new IOException("bwrap section format " + t.format() + " is not supported (expected "
                + BwrapTemplate.FORMAT + "); recompile the policy with this srt version");
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
