package dev.srt.cli;

import dev.srt.artifact.Artifact;
import dev.srt.artifact.Compilation;
import dev.srt.backend.Backend;
import dev.srt.backend.Backends;
import dev.srt.backend.Lowered;
import dev.srt.backend.Target;
import dev.srt.ir.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srtc emit --target T FILE [-o OUT]}: one back-end's lowered form. */
@Command(name = "emit", mixinStandardHelpOptions = true,
    description = "Prints one target's lowered form (readable); with -o writes the exact bytes stored in compiled.bin.")
final class EmitCommand implements Callable<Integer> {
    @Option(names = {"-t", "--target"}, required = true, paramLabel = "TARGET",
        description = "seatbelt, bwrap, seccomp-x86_64 or seccomp-aarch64")
    String target;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .srt policy or a compiled.bin")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write the raw section bytes here")
    Path output;

    @Mixin
    OutputFormat format;

    @Override
    public Integer call() {
        Optional<Target> t = Target.byId(target).filter(x -> x != Target.PROXY);
        if (t.isEmpty()) {
            System.err.println("srtc: unknown target " + target + " (targets: seatbelt, bwrap, seccomp-x86_64, seccomp-aarch64)");
            return 2;
        }
        Optional<Backend> backend = Backends.all().stream().filter(b -> b.target() == t.get()).findFirst();
        if (backend.isEmpty()) {
            System.err.println("srtc: the " + target + " back-end is not part of this build (available: "
                + Backends.all().stream().map(b -> b.target().id).collect(Collectors.joining(", ")) + ")");
            return 2;
        }
        try {
            byte[] bytes = PolicyFiles.bytes(file);
            Policy policy;
            if (PolicyFiles.isCompiled(bytes)) {
                Artifact a = PolicyFiles.artifact(file, bytes);
                policy = a.policy();
            } else {
                Compilation.Result r = PolicyFiles.check(file, bytes);
                if (!format.json()) System.err.print(DiagnosticPrinter.render(r.diagnostics(), r.frontend().sources()));
                if (!r.ok()) {
                    if (format.json()) {
                        ObjectNode doc = Json.document("emit");
                        doc.put("ok", false);
                        doc.set("diagnostics", Json.diagnostics(r.diagnostics()));
                        Json.print(doc);
                    }
                    return 1;
                }
                policy = r.frontend().policy();
            }
            Lowered l = backend.get().lower(policy);
            if (l.bytes() == null) return 1;
            if (format.json()) {
                if (output != null) Files.write(output, l.bytes());
                ObjectNode doc = Json.document("emit");
                doc.put("ok", true);
                doc.put("file", file);
                doc.put("target", t.get().id);
                doc.put("bytes", l.bytes().length);
                if (output != null) doc.put("output", output.toString());
                else doc.put("readable", l.readable());
                Json.print(doc);
            } else if (output != null) {
                Files.write(output, l.bytes());
            } else {
                System.out.print(l.readable());
                if (!l.readable().endsWith("\n")) System.out.println();
            }
            return 0;
        } catch (PolicyFiles.InputException e) {
            if (format.json()) Json.fail("emit", e.getMessage());
            System.err.println("srtc: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            if (format.json()) Json.fail("emit", "cannot write " + output + ": " + e.getMessage());
            System.err.println("srtc: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }
}
