package dev.srt.check;

import dev.srt.ir.Access;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.FsRule;
import dev.srt.ir.HostPattern;
import dev.srt.ir.NetRule;
import dev.srt.ir.UnixSocketRule;
import java.util.List;
import java.util.Locale;

/**
 * Warns about dangerous grants. A rule with {@code because "..."} carries a written
 * justification and is not warned about again.
 */
final class WarningsPass implements Pass {
    /** Domains whose subdomains accept uploads from anyone (code hosts, paste sites, object stores). */
    static final List<String> UPLOAD_HOSTS = List.of("github.com", "githubusercontent.com", "gitlab.com", "bitbucket.org",
        "amazonaws.com", "blob.core.windows.net", "storage.googleapis.com", "googleapis.com", "pastebin.com",
        "gist.github.com", "cloudfront.net", "herokuapp.com", "vercel.app", "netlify.app", "ngrok.io", "ngrok-free.app");

    @Override
    public String name() {
        return "warnings";
    }

    @Override
    public void run(CheckContext ctx) {
        for (FsRule r : ctx.fsRules) {
            if (r.because() != null || r.access() != Access.WRITE || r.effect() != Effect.ALLOW) continue;
            String p = r.path().text();
            if (p.equals("/") || p.equals("${home}") || p.equals("/home") || p.equals("/root") || p.equals("/usr") || p.equals("/etc")) {
                ctx.warning("W0901", "write allow \"" + p + "\" lets the program change everything below it", r.span(),
                    "narrow it to the directories the program needs, or add `because \"...\"`");
            }
        }
        for (UnixSocketRule u : ctx.unixRules) {
            if (u.because() != null) continue;
            if (u.all()) {
                ctx.warning("W0902", "allow unix all lets the program talk to every local service (docker, ssh-agent, D-Bus)", u.span(),
                    "allow only the socket paths it needs, or add `because \"...\"`");
                continue;
            }
            String p = u.path().text().toLowerCase(Locale.ROOT);
            if (p.contains("docker") || p.contains("podman") || p.contains("containerd")) {
                ctx.warning("W0903", "the container engine's socket gives root-equivalent control of this machine", u.span(),
                    "add `because \"...\"` if this is intended");
            } else if (p.contains("ssh") && p.contains("agent") || p.contains("ssh_auth_sock") || p.contains("gpg-agent")) {
                ctx.warning("W0903", "the agent socket lets the program sign and log in as you", u.span(),
                    "add `because \"...\"` if this is intended");
            } else if (p.contains("dbus") || p.endsWith("/bus")) {
                ctx.warning("W0903", "the D-Bus socket reaches desktop and system services", u.span(),
                    "add `because \"...\"` if this is intended");
            }
        }
        for (BindRule b : ctx.bindRules) {
            if (b.because() != null) continue;
            ctx.warning("W0904", "local binding lets the program accept connections on this machine", b.span(),
                "add `because \"...\"` if the program must listen (e.g. a dev server)");
        }
        for (NetRule n : ctx.netRules) {
            if (n.because() != null || n.effect() != Effect.ALLOW) continue;
            HostPattern h = n.host();
            if (h instanceof HostPattern.Subdomains) {
                String s = ((HostPattern.Subdomains) h).suffix();
                for (String up : UPLOAD_HOSTS) {
                    if (s.equals(up) || s.endsWith("." + up) || up.endsWith("." + s)) {
                        ctx.warning("W0905", "\"*." + s + "\" includes hosts where anyone can upload, a way to send data out", n.span(),
                            "name the exact hosts, or add `because \"...\"`");
                        break;
                    }
                }
            } else if (h instanceof HostPattern.Range) {
                HostPattern.Range r = (HostPattern.Range) h;
                if (r.prefix() < (r.isV6() ? 32 : 8)) {
                    ctx.warning("W0905", "the range " + r.render() + " covers a large part of the internet", n.span(),
                        "narrow it, or add `because \"...\"`");
                }
            }
        }
    }
}
