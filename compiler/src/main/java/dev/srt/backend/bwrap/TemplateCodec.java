package dev.srt.backend.bwrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * The bwrap section's byte form: UTF-8 JSON of a {@link BwrapTemplate}, written with Jackson at
 * compile time and read with {@link TemplateReader} at run time (no Jackson on srt's start-up path).
 */
public final class TemplateCodec {
    /** Only the compiler writes; a holder keeps Jackson off the runner's start-up path. */
    private static final class Writer {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private TemplateCodec() {
    }

    public static byte[] write(BwrapTemplate t) {
        try {
            return Writer.MAPPER.writeValueAsBytes(t);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise bwrap template", e);
        }
    }

    /** Reads a template; a damaged or foreign section is an {@link IOException} with a plain reason. */
    public static BwrapTemplate read(byte[] bytes) throws IOException {
        try {
            return TemplateReader.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("bwrap section format")) throw e;
            throw new IOException("damaged bwrap section: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new IOException("damaged bwrap section: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
