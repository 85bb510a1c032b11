package dev.srt.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option every command shares (schema: docs/json-schema.md). */
final class OutputFormat {
    enum Kind { text, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text (default) or json (one JSON document on standard output; see docs/json-schema.md)")
    Kind kind = Kind.text;

    boolean json() {
        return kind == Kind.json;
    }
}
