package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
        int rc = 0;
        ArrayNode results = Json.array();
        for (String f : files) {
            ObjectNode item = Json.object();
            item.put("file", f);
            try {
                byte[] bytes = PolicyFiles.bytes(f);
                String text = PolicyFiles.text(bytes);
                Source src = new Source(f.equals("-") ? "<stdin>" : f, text);
                Formatter.Result r = Formatter.format(src);
                if (!r.ok()) {
                    rc = 1;
                    item.put("status", "error");
                    item.set("diagnostics", Json.diagnostics(r.diagnostics()));
                    if (!format.json()) System.err.print(DiagnosticPrinter.render(r.diagnostics(), java.util.Map.of(src.name(), src)));
                    results.add(item);
                    continue;
                }
                boolean same = r.text().equals(text);
                item.put("status", same ? "formatted" : check ? "unformatted" : "rewritten");
                if (check) {
                    if (!same) {
                        rc = 1;
                        if (!format.json()) System.out.println(f);
                    }
                } else if (f.equals("-")) {
                    if (format.json()) item.put("text", r.text());
                    else System.out.print(r.text());
                } else if (!same) {
                    write(Path.of(f), r.text());
                }
            } catch (PolicyFiles.InputException e) {
                rc = 1;
                item.put("status", "error");
                item.put("error", e.getMessage());
                if (!format.json()) System.err.println("srtc: " + e.getMessage());
            } catch (IOException e) {
                rc = 1;
                item.put("status", "error");
                item.put("error", "cannot write " + f + ": " + e.getMessage());
                if (!format.json()) System.err.println("srtc: cannot write " + f + ": " + e.getMessage());
            }
            results.add(item);
        }
        if (format.json()) {
            ObjectNode doc = Json.document("fmt");
            doc.put("check", check);
            doc.set("files", results);
            doc.put("ok", rc == 0);
            Json.print(doc);
        }
        return rc;
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
