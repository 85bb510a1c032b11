package dev.srt.runner;

import dev.srt.runner.launch.LaunchPlan;
import dev.srt.runner.linux.BwrapLauncher;
import dev.srt.runner.linux.Host;
import dev.srt.runner.linux.LinuxPlanner;
import dev.srt.runner.linux.RunDir;
import dev.srt.runner.net.NetworkBridge;
import dev.srt.runner.policy.LoadedPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code srt run}: plan, start, wait, clean up; returns the exit status srt must end with. */
public final class Runner {
    private Runner() {
    }

    public static int run(LoadedPolicy policy, List<String> command, boolean debug, PrintStream err) {
        return run(policy, command, debug, null, err);
    }

    /** As above; {@code violationsJson} (or null) receives refused connections as JSON lines. */
    public static int run(LoadedPolicy policy, List<String> command, boolean debug, Path violationsJson, PrintStream err) {
        String os = System.getProperty("os.name", "");
        if (os.equals("Mac OS X")) {
            if (violationsJson != null) err.println("srt: warning: --violations-json is not written on macOS yet");
            return dev.srt.runner.macos.MacRunner.run(policy, command, debug, err);
        }
        if (!os.toLowerCase().contains("linux")) {
            err.println("srt: sandboxes run on Linux and macOS only, not on " + os);
            return SrtException.FAILED;
        }
        boolean stdinClosed = "1".equals(System.getenv("SRT_STDIN_CLOSED"));
        Host.Ids ids = Host.ids();
        NetworkBridge.Session bridge = null;
        try (RunDir run = RunDir.create(ids.uid())) {
            try {
                if (policy.bwrap().process().network()) {
                    Optional<NetworkBridge> b = NetworkBridge.available();
                    if (b.isPresent()) bridge = b.get().start(policy, run.dir(), command, violationsJson, ids.root());
                    else err.println("srt: warning: the policy allows network hosts but this build has no proxies: the command runs without network");
                }
                LaunchPlan.Bwrap plan = LinuxPlanner.plan(policy, command, run, ids, bridge, debug);
                Timing.mark("planned");
                if (debug) for (String line : plan.debug()) err.println("srt: debug: " + line);
                LinuxPlanner.checkCommand(command.get(0), plan.env(), plan.cwd());
                if (bridge == null && violationsJson != null) emptyFile(violationsJson);
                NetworkBridge.Session net = bridge;
                int status = BwrapLauncher.run(plan, stdinClosed, net == null ? null : new Join(net));
                plan.sweep().afterExit(err);
                Timing.mark("swept");
                if (net != null) {
                    err.print(net.summary());
                    String failed = net.failure();
                    if (failed != null) {
                        err.println("srt: " + failed + " (the command ran without network)");
                        return SrtException.FAILED;
                    }
                }
                return status;
            } finally {
                if (bridge != null) bridge.close();
            }
        } catch (SrtException e) {
            err.println("srt: " + e.getMessage());
            return e.status();
        } catch (RuntimeException e) {
            err.println("srt: internal error: " + e);
            return SrtException.FAILED;
        }
    }

    /** The bridge's way into its relays' network namespace; a class, not a method reference (start-up cost). */
    private static final class Join implements BwrapLauncher.NetworkJoin {
        private final NetworkBridge.Session session;

        Join(NetworkBridge.Session session) {
            this.session = session;
        }

        @Override
        public List<String> prefix() throws SrtException {
            return session.joinPrefix();
        }
    }

    /** --violations-json without network: an empty file, so that readers find what they expect. */
    private static void emptyFile(Path file) throws SrtException {
        try {
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new SrtException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
