package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srt.syntax.Source;
import dev.srt.tools.fmt.Formatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srtc fmt [--check] FILES...}: rewrites policies in the canonical layout. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
    description = "Rewrites policies in place in the one canonical layout (comments kept). - formats standard input to standard output.")
final class FmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policies to format (- for standard input)")
    List<String> files;

    @Option(names = "--check", description = "change nothing; list the files that are not formatted and exit 1 if any")
    boolean check;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        return PerFile.run("fmt", files, format, doc -> doc.put("check", check), item -> item.put("status", "error"), this::formatOne);
    }

    private boolean formatOne(String f, ObjectNode item) throws PolicyFiles.InputException {
        byte[] bytes = PolicyFiles.bytes(f);
        String text = PolicyFiles.text(bytes);
        Source src = new Source(f.equals("-") ? "<stdin>" : f, text);
        Formatter.Result r = Formatter.format(src);
        if (!r.ok()) {
            item.put("status", "error");
            item.set("diagnostics", Json.diagnostics(r.diagnostics()));
            if (!format.json()) System.err.print(DiagnosticPrinter.render(r.diagnostics(), java.util.Map.of(src.name(), src)));
            return false;
        }
        boolean same = r.text().equals(text);
        item.put("status", same ? "formatted" : check ? "unformatted" : "rewritten");
        if (check) {
            if (!same && !format.json()) System.out.println(f);
            return same;
        }
        if (f.equals("-")) {
            if (format.json()) item.put("text", r.text());
            else System.out.print(r.text());
        } else if (!same) {
            try {
                write(Path.of(f), r.text());
            } catch (IOException e) {
                item.put("status", "error");
                PerFile.failed(item, "cannot write " + f + ": " + e.getMessage(), format);
                return false;
            }
        }
        return true;
    }

    /** Replaces the file atomically, so an interrupted run never leaves half a policy. */
    private static void write(Path p, String text) throws IOException {
        Path tmp = p.toAbsolutePath().resolveSibling("." + p.getFileName() + ".srtc-fmt-" + ProcessHandle.current().pid());
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
