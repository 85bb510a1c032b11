package dev.srt.tools.lint;

import dev.srt.ir.Probe;
import dev.srt.ir.eval.Decision;
import java.util.List;

/**
 * One lint check: a stable code, the dangerous targets it asks the evaluator about (paths in
 * the test context: HOME=/home/user, CWD=/home/user/work, UID 1000), and the message and help.
 * A target is flagged when the policy permits it through a rule without {@code because}.
 */
record LintCheck(String code, String what, String why, String help, List<Target> targets, boolean credential) {
    /** A dangerous operation and a short name for it. */
    record Target(Probe probe, String name) {
    }

    boolean flags(Decision d) {
        if (!d.allowed()) return false;
        // Credential stores: only when a rule re-allows them; the read default is W-level policy design.
        return !credential || !d.decidedBy().span().isBuiltin();
    }

    String message(Target t) {
        return what + ": " + t.name() + " (" + why + ")";
    }

    private static Target write(String path, String name) {
        return new Target(new Probe.Write(path), name);
    }

    private static Target read(String path, String name) {
        return new Target(new Probe.Read(path), name);
    }

    private static Target unix(String path, String name) {
        return new Target(new Probe.Unix(path), name);
    }

    private static Target connect(String host) {
        return new Target(new Probe.Connect(host, 443), host);
    }

    static final String JUSTIFY = "if this is intended, say why on the rule: `because \"...\"`";

    static final List<LintCheck> ALL = List.of(
        new LintCheck("L0101", "writes a shell start-up file", "code in it runs in every later shell, outside the sandbox",
            "narrow the write rule or add `protect \"**/.bashrc\"` (include std:protected); " + JUSTIFY, List.of(
                write("/home/user/.bashrc", "~/.bashrc"), write("/home/user/.profile", "~/.profile"),
                write("/home/user/.bash_profile", "~/.bash_profile"), write("/home/user/.zshrc", "~/.zshrc"),
                write("/home/user/.zprofile", "~/.zprofile"), write("/home/user/.zshenv", "~/.zshenv"),
                write("/home/user/.config/fish/config.fish", "~/.config/fish/config.fish")), false),
        new LintCheck("L0102", "writes git hooks", "a hook runs unsandboxed at the next git command",
            "add `protect \"**/.git/hooks\"` (std:protected has it); " + JUSTIFY, List.of(
                write("/home/user/work/.git/hooks/pre-commit", "./.git/hooks/pre-commit"),
                write("/home/user/work/.git/config", "./.git/config (core.hooksPath, aliases)")), false),
        new LintCheck("L0103", "writes a directory on PATH", "a program placed there runs instead of the real one, outside the sandbox",
            "allow writes only to build and cache directories; " + JUSTIFY, List.of(
                write("/usr/bin/srt-probe", "/usr/bin"), write("/usr/local/bin/srt-probe", "/usr/local/bin"),
                write("/bin/srt-probe", "/bin"), write("/usr/sbin/srt-probe", "/usr/sbin"),
                write("/home/user/.local/bin/srt-probe", "~/.local/bin"), write("/home/user/bin/srt-probe", "~/bin"),
                write("/home/user/.cargo/bin/srt-probe", "~/.cargo/bin"), write("/home/user/go/bin/srt-probe", "~/go/bin")), false),
        new LintCheck("L0104", "reaches the container engine's socket", "it gives root-equivalent control of this machine",
            JUSTIFY, List.of(
                unix("/var/run/docker.sock", "/var/run/docker.sock"), unix("/run/docker.sock", "/run/docker.sock"),
                unix("/run/user/1000/docker.sock", "the rootless docker socket"),
                unix("/run/user/1000/podman/podman.sock", "the podman socket"),
                unix("/run/containerd/containerd.sock", "the containerd socket")), false),
        new LintCheck("L0105", "reaches an ssh or gpg agent", "the program can sign and log in as you",
            JUSTIFY, List.of(
                unix("/tmp/ssh-XXXXXX/agent.1000", "an ssh-agent socket"),
                unix("/run/user/1000/gnupg/S.gpg-agent.ssh", "the gpg-agent ssh socket"),
                unix("/run/user/1000/gnupg/S.gpg-agent", "the gpg-agent socket"),
                unix("/run/user/1000/keyring/ssh", "the keyring ssh socket")), false),
        new LintCheck("L0106", "reaches D-Bus", "desktop and system services listen there (secrets, systemd, notifications)",
            JUSTIFY, List.of(
                unix("/run/user/1000/bus", "the session bus"), unix("/run/dbus/system_bus_socket", "the system bus"),
                unix("/var/run/dbus/system_bus_socket", "the system bus")), false),
        new LintCheck("L0107", "connects to a host that accepts uploads", "a way to send data out of the sandbox",
            "name only the hosts the program needs to read from; " + JUSTIFY, List.of(
                connect("github.com"), connect("api.github.com"), connect("uploads.github.com"), connect("gist.github.com"),
                connect("gitlab.com"), connect("bitbucket.org"), connect("pastebin.com"), connect("paste.ee"),
                connect("hastebin.com"), connect("transfer.sh"), connect("0x0.st"), connect("file.io"),
                connect("s3.amazonaws.com"), connect("x.s3.amazonaws.com"), connect("storage.googleapis.com"),
                connect("x.blob.core.windows.net"), connect("x.r2.cloudflarestorage.com")), false),
        new LintCheck("L0108", "re-allows reading a credential store", "the program can read keys and tokens that work outside the sandbox",
            "allow only the file it needs (e.g. ~/.ssh/known_hosts); " + JUSTIFY, List.of(
                read("/home/user/.aws/credentials", "~/.aws/credentials"), read("/home/user/.kube/config", "~/.kube/config"),
                read("/home/user/.config/gcloud/credentials.db", "~/.config/gcloud"),
                read("/home/user/.ssh/id_ed25519", "~/.ssh/id_ed25519"), read("/home/user/.gnupg/private-keys-v1.d", "~/.gnupg"),
                read("/home/user/.docker/config.json", "~/.docker/config.json"), read("/home/user/.netrc", "~/.netrc"),
                read("/home/user/.local/share/keyrings/login.keyring", "the GNOME keyring"),
                read("/home/user/Library/Keychains/login.keychain-db", "the macOS keychain"),
                read("/home/user/.config/gh/hosts.yml", "the GitHub CLI token")), true));
}
