package dev.srt.runner.macos;

import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import java.util.Map;

/** A policy and a macOS-like run context shared by the macOS runner tests. */
final class MacTestPolicy {
    static final String TAG = "srt-0123456789abcdef";
    static final RuntimeContext MAC = new RuntimeContext("/Users/alice", "/Users/alice/work/proj",
        "/private/var/folders/ab/xyz123/T", "501", "alice", Map.of());
    static final String TEXT = String.join("\n",
        "srt 1",
        "include std:default",
        "network {",
        "  allow \"github.com\"",
        "  allow unix \"/run/user/${uid}/agent.sock\"",
        "}",
        "violations {",
        "  ignore \".ssh/config\" for \"git *\"",
        "}",
        "");

    private MacTestPolicy() {
    }

    static Policy policy() {
        Frontend.Result r = Frontend.compile(Loader.Input.text("policy.srt", TEXT, null));
        if (!r.ok()) throw new AssertionError(r.diagnostics().toString());
        return r.policy();
    }
}
