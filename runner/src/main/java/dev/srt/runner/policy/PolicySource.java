package dev.srt.runner.policy;

import dev.srt.artifact.Compilation;
import dev.srt.backend.Target;
import dev.srt.backend.bwrap.BwrapTemplate;
import dev.srt.backend.bwrap.TemplateCodec;
import dev.srt.check.Loader;
import dev.srt.check.StockPolicies;
import dev.srt.diag.Diagnostic;
import dev.srt.runner.SrtException;
import dev.srt.runner.linux.SeccompFallback;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where {@code srt run} gets its policy: {@code --policy compiled.bin}, {@code --policy
 * policy.srt} (compiled on the fly with the same compiler as {@code srtc}), or {@code std:default}
 * (compiled into the jar, {@code dev/srt/runner/default.bin}) when no policy is given. Every
 * failure is one line and exit 125.
 */
public final class PolicySource {
    static final String DEFAULT_RESOURCE = "/dev/srt/runner/default.bin";

    private PolicySource() {
    }

    public static LoadedPolicy load(Path file) throws SrtException {
        if (file == null) {
            try (InputStream in = PolicySource.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) throw new SrtException("the embedded default policy is missing from this build");
                byte[] b = in.readAllBytes();
                dev.srt.runner.Timing.mark("resource read");
                Map<String, byte[]> sections = CompiledPolicyReader.sections(b);
                dev.srt.runner.Timing.mark("sections read");
                return fromSections(sections, "the default policy (std:default)");
            } catch (IOException e) {
                throw new SrtException("the embedded default policy is unreadable: " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(file)) throw new SrtException("policy file not found: " + file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SrtException("policy file not readable: " + file + " (" + e.getMessage() + ")");
        }
        boolean source = file.toString().endsWith(".srt")
            || new String(bytes, 0, Math.min(bytes.length, 4), StandardCharsets.ISO_8859_1).equals("srt ");
        if (source) {
            try {
                return fromSections(CompiledPolicyReader.sections(compile(Loader.Input.file(file))), file.toString());
            } catch (IOException e) {
                throw new SrtException("policy file not readable: " + file + " (" + e.getMessage() + ")");
            }
        }
        // The checksum (CRC-32, native: well under a millisecond) is verified before anything is
        // decoded, so damage is reported as such, not as whatever it broke.
        Map<String, byte[]> sections;
        try {
            sections = CompiledPolicyReader.sections(bytes);
        } catch (SrtException e) {
            throw new SrtException(file + ": " + e.getMessage());
        }
        return fromSections(sections, file.toString());
    }

    /** Compiles {@code std:default} (build step and tests). */
    public static byte[] compileDefault() throws SrtException {
        byte[] src = StockPolicies.read("default").orElseThrow(() -> new SrtException("std:default is missing"));
        return compile(new Loader.Input("std:default", "std:default", null, src));
    }

    private static byte[] compile(Loader.Input in) throws SrtException {
        Compilation.Result r = Compilation.compile(in);
        if (!r.ok()) {
            Diagnostic d = r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElse(null);
            String where = d == null ? in.name() : d.span().toString();
            throw new SrtException(where + ": error: " + (d == null ? "the policy does not compile" : d.message())
                + " (run `srtc check` for all diagnostics)");
        }
        return r.bytes();
    }

    static LoadedPolicy fromSections(Map<String, byte[]> sections, String origin) throws SrtException {
        byte[] bw = sections.get(Target.BWRAP.id);
        if (bw == null) {
            throw new SrtException(origin + " has no bwrap section: it was compiled without the Linux back-end; "
                + "recompile it with this version's srtc");
        }
        BwrapTemplate t;
        try {
            t = TemplateCodec.read(bw);
        } catch (IOException e) {
            throw new SrtException(origin + ": " + e.getMessage());
        }
        Map<String, byte[]> seccomp = new HashMap<>();
        if (sections.containsKey(Target.SECCOMP_X86_64.id)) seccomp.put("x86_64", sections.get(Target.SECCOMP_X86_64.id));
        if (sections.containsKey(Target.SECCOMP_AARCH64.id)) seccomp.put("aarch64", sections.get(Target.SECCOMP_AARCH64.id));
        // Until every compiled policy carries the seccomp back-end's programs, srt's own small filter
        // stands in, but only where it is at least as strict as the policy: the bwrap template says
        // whether the policy has any syscall rule (see BwrapTemplate.ProcessFlags#syscallRules).
        if (seccomp.isEmpty() && !t.process().syscallRules()) {
            seccomp.put("x86_64", SeccompFallback.program("x86_64"));
            seccomp.put("aarch64", SeccompFallback.program("aarch64"));
        }
        return new LoadedPolicy(t, seccomp, t.env(), origin, sections);
    }
}
