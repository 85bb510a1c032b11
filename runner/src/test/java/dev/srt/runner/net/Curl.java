package dev.srt.runner.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real curl (or any command) as a child process and captures its result. */
final class Curl {
    record Result(int exit, String out, String err) {
        /** The status curl printed with {@code -w %{http_code}} as the last line of stdout. */
        int status() {
            String[] lines = out.split("\n");
            return Integer.parseInt(lines[lines.length - 1].trim());
        }

        String body() {
            int i = out.lastIndexOf('\n');
            return i < 0 ? "" : out.substring(0, i);
        }
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return exec(List.of(args), null);
    }

    /** curl -s -S --max-time 20 -w '\n%{http_code}' ARGS */
    static Result curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "20", "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        return exec(cmd, null);
    }

    static Result exec(List<String> cmd, java.util.Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        if (env != null) pb.environment().putAll(env);
        java.io.File err = java.io.File.createTempFile("curl", ".err");
        pb.redirectError(err);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        String e = java.nio.file.Files.readString(err.toPath());
        err.delete();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), e);
    }
}
