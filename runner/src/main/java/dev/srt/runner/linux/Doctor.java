package dev.srt.runner.linux;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The host checks behind {@code srt doctor}. Exit status 0 when srt can run here, 1 otherwise. */
public final class Doctor {
    private Doctor() {
    }

    /** One check's outcome; {@code fix} is empty when fine. */
    public record Check(String name, boolean ok, boolean required, String detail, String fix) {
    }

    public static int run(PrintStream out) {
        List<Check> checks = checks();
        boolean fail = false;
        for (Check c : checks) {
            String mark = c.ok() ? "ok  " : c.required() ? "FAIL" : "warn";
            out.println(mark + "  " + c.name() + ": " + c.detail());
            if (!c.ok()) out.println("      fix: " + c.fix());
            if (!c.ok() && c.required()) fail = true;
        }
        out.println(fail ? "srt cannot run sandboxes on this host until the FAIL lines are fixed." : "srt can run sandboxes on this host.");
        return fail ? 1 : 0;
    }

    public static List<Check> checks() {
        List<Check> out = new ArrayList<>();
        Path bwrap = Host.bwrap();
        boolean haveBwrap = Files.isExecutable(bwrap);
        String version = haveBwrap ? exec(List.of(bwrap.toString(), "--version")).out.trim() : "";
        out.add(new Check("bubblewrap", haveBwrap, true, haveBwrap ? bwrap + " (" + version + ")" : "not found",
            "install it: apt-get install bubblewrap (Debian/Ubuntu), dnf install bubblewrap (Fedora)"));
        out.add(new Check("bubblewrap version", haveBwrap && atLeast(version, 0, 8), true, version.isEmpty() ? "unknown" : version,
            "srt needs bubblewrap 0.8 or later (--disable-userns, --json-status-fd, --perms)"));
        String maxNs = read("/proc/sys/user/max_user_namespaces");
        String apparmor = read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
        String debianClone = read("/proc/sys/kernel/unprivileged_userns_clone");
        Result probe = haveBwrap ? exec(List.of(bwrap.toString(), "--unshare-user", "--unshare-pid", "--unshare-net",
            "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--die-with-parent", "true")) : new Result(-1, "", "");
        String fix;
        if ("1".equals(apparmor)) {
            fix = "AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+/24.04): allow bwrap with an AppArmor "
                + "profile granting 'userns' (see /etc/apparmor.d), or sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0";
        } else if ("0".equals(maxNs)) {
            fix = "user namespaces are disabled: sudo sysctl user.max_user_namespaces=15000";
        } else if ("0".equals(debianClone)) {
            fix = "sudo sysctl kernel.unprivileged_userns_clone=1";
        } else {
            fix = "inside a container, run it with user namespaces allowed (e.g. docker --security-opt seccomp=unconfined "
                + "or a seccomp profile that allows clone/unshare of user namespaces)";
        }
        out.add(new Check("user namespaces", probe.status == 0, true,
            probe.status == 0 ? "bwrap can create user, PID and network namespaces" : firstLine(probe.err), fix));
        String seccomp = statusField("Seccomp");
        out.add(new Check("seccomp", seccomp != null, true, seccomp != null ? "supported (filter mode available)" : "not reported by the kernel",
            "use a kernel built with CONFIG_SECCOMP_FILTER"));
        int ll = landlockAbi();
        out.add(new Check("Landlock", ll > 0, false, ll > 0 ? "ABI " + ll : "not available",
            "not needed by srt today; enable it with lsm=landlock,... on the kernel command line"));
        Path socat = Host.onPath("socat", System.getenv("PATH"));
        out.add(new Check("socat", socat != null, false, socat != null ? socat.toString() : "not found",
            "install it: apt-get install socat (used by network bridging)"));
        Path nsenter = Host.onPath("nsenter", "/usr/bin:/bin:/usr/sbin:/sbin");
        out.add(new Check("nsenter", nsenter != null, false, nsenter != null ? nsenter.toString() : "not found",
            "install it: apt-get install util-linux (starts a networked sandbox in its relays' network namespace)"));
        String direct = dev.srt.runner.net.ProxyBridge.directRelaysUnavailable();
        out.add(new Check("direct relays (SRT_RELAYS=direct)", direct == null, false,
            direct == null ? "available (srt can accept on the relay ports itself)" : direct,
            "optional: without it SRT_RELAYS=direct falls back to the socat relays (docs/network.md)"));
        return out;
    }

    static boolean atLeast(String version, int major, int minor) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) return false;
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        return a > major || (a == major && b >= minor);
    }

    private static int landlockAbi() {
        try {
            dev.srt.runner.JnaLibrary.useBundled(); // not unpacked where a sandbox could write (JnaLibrary)
            com.sun.jna.Function f = com.sun.jna.NativeLibrary.getInstance("c").getFunction("syscall");
            // landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) returns the ABI version
            long nr = "aarch64".equals(Host.arch()) || "x86_64".equals(Host.arch()) ? 444 : -1;
            if (nr < 0) return -1;
            return f.invokeInt(new Object[] {nr, null, 0L, 1});
        } catch (Throwable e) {
            return -1;
        }
    }

    private static String statusField(String name) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(name + ":")) return l.substring(name.length() + 1).trim();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String read(String p) {
        try {
            return Files.readString(Path.of(p)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        s = s.trim();
        int i = s.indexOf('\n');
        return s.isEmpty() ? "failed" : i < 0 ? s : s.substring(0, i);
    }

    private record Result(int status, String out, String err) {
    }

    private static Result exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String e = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, o, "timed out");
            }
            return new Result(p.exitValue(), o, e);
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }
}
