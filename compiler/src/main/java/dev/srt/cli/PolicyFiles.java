package dev.srt.cli;

import dev.srt.artifact.Artifact;
import dev.srt.artifact.ArtifactException;
import dev.srt.artifact.ArtifactFormat;
import dev.srt.artifact.Compilation;
import dev.srt.check.Loader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads what the commands are given: a policy source, standard input, or a compiled.bin. */
final class PolicyFiles {
    private PolicyFiles() {
    }

    /** A problem with an input file, reported as one line. */
    static final class InputException extends Exception {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }

    static boolean isCompiled(byte[] b) {
        return b.length >= 4 && (b[0] & 0xFF) == 0x89 && b[1] == 'S' && b[2] == 'R' && b[3] == 'T';
    }

    static byte[] bytes(String file) throws InputException {
        try {
            if (file.equals("-")) return System.in.readAllBytes();
            Path p = Path.of(file);
            if (Files.isDirectory(p)) throw new InputException(file + " is a directory");
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new InputException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Loader.Input source(String file, byte[] bytes) throws InputException {
        if (file.equals("-")) return new Loader.Input("<stdin>", "stdin", Path.of("").toAbsolutePath(), bytes);
        try {
            Path p = Path.of(file).toAbsolutePath().normalize();
            return new Loader.Input(p.getFileName().toString(), p.toRealPath().toString(), p.getParent(), bytes);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Artifact artifact(String file, byte[] bytes) throws InputException {
        try {
            return ArtifactFormat.read(bytes);
        } catch (ArtifactException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }

    static Compilation.Result compile(String file, byte[] bytes) throws InputException {
        return Compilation.compile(source(file, bytes));
    }

    /** A whole compile without writing compiled.bin: diagnostics and the enforcement report. */
    static Compilation.Result check(String file, byte[] bytes) throws InputException {
        return Compilation.check(source(file, bytes));
    }

    /** The front end only (IR and its diagnostics), for commands that decide on the IR: test, query, diff, lint. */
    static dev.srt.check.Frontend.Result frontend(String file, byte[] bytes) throws InputException {
        return dev.srt.check.Frontend.compile(source(file, bytes));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
