package dev.srt.backend.seatbelt;

import dev.srt.ir.Effect;
import java.util.ArrayList;
import java.util.List;

/**
 * What every program needs to start and run on current macOS, granted before the policy's own
 * rules (so a policy rule can still take any of it away). Each group says why. Mach service
 * and path names come from the libraries that use them: libsystem_info (getpwuid via
 * opendirectoryd), libnotify, os_log (logd, diagnosticd), Security.framework (trustd, for
 * TLS certificate verification), CFPreferences (cfprefsd), confstr(3) (dirhelper) and dyld.
 */
final class Baseline {
    private Baseline() {
    }

    /** Forms that do not touch the policy's file or network rules. */
    static List<Sexp> forms() {
        List<Sexp> f = new ArrayList<>();
        f.add(Sexp.comment("baseline (not from a policy line): start the command and let it run children"));
        f.add(Sexp.list("allow", Sexp.atom("process-fork")));
        f.add(Sexp.list("allow", Sexp.atom("process-exec")));
        f.add(Sexp.list("allow", Sexp.atom("process-info*"), Sexp.list("target", Sexp.atom("same-sandbox"))));
        f.add(Sexp.list("allow", Sexp.atom("signal"), Sexp.list("target", Sexp.atom("same-sandbox"))));
        f.add(Sexp.comment("baseline: libc and language runtimes read kernel values (hw.ncpu, kern.osrelease, ...); writing them stays denied"));
        f.add(Sexp.list("allow", Sexp.atom("sysctl-read")));
        f.add(Sexp.comment("baseline: user and group lookups (getpwuid), notify(3), os_log, preferences, the per-user temporary directory"));
        f.add(Sexp.list("allow", Sexp.atom("mach-lookup"),
            global("com.apple.system.opendirectoryd.libinfo"),
            global("com.apple.system.opendirectoryd.membership"),
            global("com.apple.system.notification_center"),
            global("com.apple.system.logger"),
            global("com.apple.logd"),
            global("com.apple.diagnosticd"),
            global("com.apple.cfprefsd.daemon"),
            global("com.apple.cfprefsd.agent"),
            global("com.apple.bsd.dirhelper")));
        f.add(Sexp.list("allow", Sexp.atom("ipc-posix-shm-read-data"),
            Sexp.list("ipc-posix-name", Sexp.str("apple.shm.notification_center"))));
        f.add(Sexp.list("allow", Sexp.atom("user-preference-read")));
        f.add(Sexp.comment("baseline: TLS certificate verification (Security.framework asks trustd); no name resolution service is granted, names are resolved by srt's proxy"));
        f.add(Sexp.list("allow", Sexp.atom("mach-lookup"),
            global("com.apple.trustd"),
            global("com.apple.trustd.agent"),
            global("com.apple.SecurityServer"),
            global("com.apple.securityd.xpc")));
        f.add(Sexp.comment("baseline: mapping libraries executable needs a descriptor opened for reading, which the read rules below decide"));
        f.add(Sexp.list("allow", Sexp.atom("file-map-executable")));
        f.add(Sexp.comment("baseline: stat() of any path (names, sizes and times, not contents); read deny rules below take it away again"));
        f.add(Sexp.list("allow", Sexp.atom("file-read-metadata")));
        f.add(Sexp.comment("baseline: terminal and device control on the standard devices"));
        f.add(Sexp.list("allow", Sexp.atom("file-ioctl"),
            Sexp.list("literal", Sexp.str("/dev/null")),
            Sexp.list("literal", Sexp.str("/dev/tty")),
            Sexp.list("literal", Sexp.str("/dev/dtracehelper"))));
        return f;
    }

    /** System files every program reads: dyld and its shared cache, libraries, frameworks, shells, certificates. */
    static Ordered reads() {
        return new Ordered(Effect.ALLOW, anyOf(
            literal("/"),
            subpath("/usr/lib"), subpath("/usr/libexec"), subpath("/usr/share"),
            subpath("/usr/bin"), subpath("/bin"), subpath("/usr/sbin"), subpath("/sbin"),
            subpath("/System"),
            subpath("/Library/Apple"),
            subpath("/private/var/db/dyld"),
            subpath("/private/var/db/timezone"),
            subpath("/private/var/select"),
            subpath("/private/etc/ssl"),
            literal("/private/etc/localtime"), literal("/private/etc/hosts"), literal("/private/etc/passwd"),
            literal("/private/etc/group"), literal("/private/etc/protocols"), literal("/private/etc/services"),
            literal("/dev/null"), literal("/dev/zero"), literal("/dev/random"), literal("/dev/urandom"),
            literal("/dev/tty"), literal("/dev/dtracehelper"), subpath("/dev/fd")),
            "baseline: system libraries, frameworks, the dyld shared cache, shells and certificates (a policy read deny below can take any back)");
    }

    /** Devices every program writes. */
    static Ordered writes() {
        return new Ordered(Effect.ALLOW, anyOf(
            literal("/dev/null"), literal("/dev/tty"), literal("/dev/dtracehelper"), subpath("/dev/fd")),
            "baseline: the null device, the controlling terminal and dyld's tracing helper");
    }

    /** Pseudo-terminal devices, for {@code sandbox { allow-pty }}. */
    static Sexp ptyDevices() {
        return anyOf(literal("/dev/ptmx"), Sexp.list("regex", Sexp.str("^/dev/ttys[0-9]+$")));
    }

    private static Sexp global(String name) {
        return Sexp.list("global-name", Sexp.str(name));
    }

    private static Sexp literal(String p) {
        return Sexp.list("literal", Sexp.str(p));
    }

    private static Sexp subpath(String p) {
        return Sexp.list("subpath", Sexp.str(p));
    }

    private static Sexp anyOf(Sexp... fs) {
        return Sexp.list("require-any", fs);
    }
}
