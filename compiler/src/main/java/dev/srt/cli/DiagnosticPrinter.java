package dev.srt.cli;

import dev.srt.diag.Diagnostic;
import dev.srt.syntax.Source;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics as {@code file:line:col: error[CODE]: message}, the source line, a caret
 * under the problem and a {@code help:} line.
 */
public final class DiagnosticPrinter {
    private DiagnosticPrinter() {
    }

    public static String render(List<Diagnostic> diags, Map<String, Source> sources) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : diags) b.append(render(d, sources.get(d.span().file())));
        long errors = diags.stream().filter(Diagnostic::isError).count();
        long warnings = diags.size() - errors;
        if (errors > 0) b.append(errors).append(errors == 1 ? " error" : " errors");
        if (warnings > 0) b.append(errors > 0 ? ", " : "").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        if (!diags.isEmpty()) b.append('\n');
        return b.toString();
    }

    public static String render(Diagnostic d, Source source) {
        StringBuilder b = new StringBuilder();
        b.append(d.span()).append(": ").append(d.severity().word()).append('[').append(d.code()).append("]: ")
            .append(d.message()).append('\n');
        if (source != null && !d.span().isBuiltin()) {
            String line = source.line(d.span().line());
            String num = Integer.toString(d.span().line());
            String pad = " ".repeat(num.length());
            String shown = line.length() > 200 ? line.substring(0, Math.min(line.length(), Math.max(200, d.span().col() + 40))) : line;
            b.append(' ').append(num).append(" | ").append(printable(shown)).append('\n');
            StringBuilder caret = new StringBuilder();
            for (int i = 0; i < d.span().col() - 1 && i < line.length(); i++) caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
            int len = Math.max(1, Math.min(d.span().length(), Math.max(1, line.length() - d.span().col() + 1)));
            caret.append("^".repeat(Math.min(len, 120)));
            b.append(' ').append(pad).append(" | ").append(caret).append('\n');
        }
        if (d.help() != null && !d.help().isEmpty()) b.append("  help: ").append(d.help()).append('\n');
        return b.toString();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 32 && c != '\t' || c == 127 ? '?' : c);
        }
        return b.toString();
    }
}
