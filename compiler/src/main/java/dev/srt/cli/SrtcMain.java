package dev.srt.cli;

import dev.srt.artifact.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code srtc}: the policy compiler's command line. Exit codes: 0 ok, 1 policy errors, 2 usage errors. */
@Command(name = "srtc", mixinStandardHelpOptions = true, versionProvider = SrtcMain.VersionProvider.class,
    description = "Compiles, checks and explains srt sandbox policies.",
    subcommands = {CompileCommand.class, CheckCommand.class, ExplainCommand.class, EmitCommand.class, TestCommand.class, ImportCommand.class,
        FmtCommand.class, QueryCommand.class, DiffCommand.class, LintCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:policy errors (or an unreadable input)", "2:usage errors", "3:internal error"})
public final class SrtcMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used to generate completion and man pages). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SrtcMain());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof java.nio.file.InvalidPathException) {
                // A path argument the JVM's file-name encoding cannot hold (bin/srtc gives a C locale UTF-8).
                cmd.getErr().println("srtc: " + unusablePath((java.nio.file.InvalidPathException) ex));
                return 1;
            }
            cmd.getErr().println("srtc: internal error: " + ex + " (please report this)");
            return 3;
        });
        return cl;
    }

    /** The one-line reason for a path argument that cannot be a file name here; shared with srt. */
    public static String unusablePath(java.nio.file.InvalidPathException ex) {
        String hint = ex.getReason().contains("unmappable")
            ? " (file names are " + System.getProperty("sun.jnu.encoding", "unknown") + " in this locale; use a UTF-8 one, e.g. LC_ALL=C.UTF-8)"
            : "";
        return "cannot use the path \"" + ex.getInput().replace("\0", "\\0") + "\": " + ex.getReason().toLowerCase(java.util.Locale.ROOT) + hint;
    }

    /** Prints the compiler version and the compiled.bin format it writes. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"srtc " + Version.COMPILER + " (language 1, compiled.bin format "
                + dev.srt.artifact.ArtifactFormat.FORMAT_VERSION + ")"};
        }
    }
}
