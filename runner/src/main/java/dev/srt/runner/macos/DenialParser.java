package dev.srt.runner.macos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code log stream --style ndjson} lines and keeps Seatbelt denials carrying this run's
 * tag, e.g. the {@code eventMessage} {@code Sandbox: python3(1234) deny(1) file-read-data
 * /Users/x/.ssh/id_rsa srt-0123456789abcdef}. Anything else (other events, other runs, allow
 * reports, malformed lines) gives nothing; no line makes it throw.
 */
public final class DenialParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MESSAGE = Pattern.compile(
        "^Sandbox: (?<proc>.+?)\\((?<pid>\\d+)\\) deny\\((?<n>\\d+)\\) (?<op>[a-z][a-z0-9*-]*)(?: (?<rest>.*))?$", Pattern.DOTALL);
    /** log(1)'s timestamp, e.g. {@code 2026-11-28 17:03:21.123456+0000}. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
        .appendPattern("yyyy-MM-dd HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
        .appendOffset("+HHMM", "+0000").toFormatter();

    private final String tag;

    public DenialParser(String tag) {
        LogStreamCommand.check(tag);
        this.tag = tag;
    }

    public Optional<Denial> parse(String line) {
        if (line == null || line.isBlank() || line.charAt(0) != '{') return Optional.empty();
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (n == null || !n.isObject()) return Optional.empty();
        String msg = n.path("eventMessage").asText("");
        int at = msg.lastIndexOf(tag);
        if (at < 0) return Optional.empty();
        String body = (msg.substring(0, at) + msg.substring(at + tag.length())).strip();
        Matcher m = MESSAGE.matcher(body);
        if (!m.matches()) return Optional.empty();
        long pid;
        try {
            pid = Long.parseLong(m.group("pid"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String rest = m.group("rest") == null ? "" : m.group("rest").strip();
        return Optional.of(new Denial(time(n.path("timestamp").asText("")), m.group("proc"), pid, m.group("op"), rest));
    }

    private static Instant time(String text) {
        try {
            return java.time.OffsetDateTime.parse(text, TIME).toInstant();
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
