package dev.srt.artifact;

import dev.srt.backend.Target;
import dev.srt.ir.Policy;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded compiled.bin: the IR and each back-end's section. Sections are named by
 * {@link Target#id}; the IR is in {@link ArtifactFormat#IR_SECTION} and the enforcement
 * report in {@link ArtifactFormat#REPORT_SECTION}.
 */
public record Artifact(int formatVersion, String compilerVersion, String sourcesSha256, String contentSha256,
                       Policy policy, Map<String, byte[]> sections) {
    public Artifact {
        sections = Map.copyOf(sections);
    }

    public Optional<byte[]> section(Target t) {
        return Optional.ofNullable(sections.get(t.id));
    }
}
