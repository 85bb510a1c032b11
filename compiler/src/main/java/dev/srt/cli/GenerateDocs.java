package dev.srt.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time only (run by the Maven build in {@code process-classes}; picocli-codegen is a
 * provided dependency, not part of srtc.jar): writes the bash/zsh completion script and the
 * AsciiDoc man pages of srtc and each command from the picocli model, so they never drift from
 * the real options. Convert the pages with {@code asciidoctor -b manpage}.
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target");
        CommandLine cl = SrtcMain.commandLine();
        Path completion = out.resolve("completion");
        Files.createDirectories(completion);
        Files.writeString(completion.resolve("srtc.bash"), AutoComplete.bash("srtc", cl), StandardCharsets.UTF_8);
        Path man = out.resolve("man");
        Files.createDirectories(man);
        int rc = ManPageGenerator.generateManPage(new File(man.toString()), null, new boolean[0], true, cl.getCommandSpec());
        if (rc != 0) throw new IOException("man page generation failed with " + rc);
    }
}
