package dev.srt.ir;

/** One source file that went into a policy, by its machine-independent name and SHA-256. */
public record SourceRef(String name, String sha256) {
}
