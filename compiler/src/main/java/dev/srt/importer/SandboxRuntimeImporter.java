package dev.srt.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.srt.syntax.PolicyWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a sandbox-runtime settings file ({@code ~/.srt-settings.json}) into an equivalent srt
 * policy. Every key is either converted exactly or refused with the reason; nothing is
 * silently dropped (sandbox-runtime itself drops unknown keys, srt does not).
 */
public final class SandboxRuntimeImporter {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** Keys that have no exact srt equivalent, with the reason given to the user. */
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put("/network/mitmProxy", "routing chosen domains to a MITM proxy socket is not supported; name one external proxy with `proxy http`");
        REFUSED.put("/network/parentProxy", "chaining srt's proxy to a parent proxy is not supported; use `proxy http \"host:port\"`");
        REFUSED.put("/network/tlsTerminate", "TLS termination is not supported");
        REFUSED.put("/network/filterRequest", "request filter functions are a library feature with no policy equivalent");
        REFUSED.put("/network/allowPlaintextHeaderSet", "request header editing is not supported");
        REFUSED.put("/network/stripResponseHeaders", "response header editing is not supported");
        REFUSED.put("/network/refuseOpaqueTunnels", "tunnel inspection is not supported");
        REFUSED.put("/network/requireHostMatch", "Host header matching is not supported");
        REFUSED.put("/network/ambiguousRequestTarget", "request-target normalisation options are not supported");
        REFUSED.put("/network/deniedResolvedAddresses", "extra resolved-address ranges are not supported; srt already refuses loopback, private, link-local and metadata addresses for allowed names");
        REFUSED.put("/network/allowMachLookup", "macOS XPC service grants are not supported yet");
        REFUSED.put("/credentials", "credential masking and injection are not supported");
        REFUSED.put("/enableWeakerNetworkIsolation", "the macOS trustd exception is not supported");
        REFUSED.put("/allowAppleEvents", "Apple Events are not supported");
        REFUSED.put("/ripgrep", "srt protects files at any depth without ripgrep; tool settings are not part of a policy");
        REFUSED.put("/seccomp", "srt generates and loads its own seccomp filter; tool paths are not part of a policy");
        REFUSED.put("/bwrapPath", "tool paths are not part of a policy; srt finds bwrap on PATH");
        REFUSED.put("/socatPath", "tool paths are not part of a policy; srt finds socat on PATH");
        REFUSED.put("/javaAgentJarPath", "the JVM proxy agent is not supported");
        REFUSED.put("/git", "git.safeDirectories is not supported");
        REFUSED.put("/windows", "the Windows back-end is not supported");
    }

    private final List<String> comments = new ArrayList<>();
    private final List<String> fs = new ArrayList<>();
    private final List<String> net = new ArrayList<>();
    private final List<String> sandbox = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private boolean fsDisabled;

    private SandboxRuntimeImporter() {
    }

    /** The policy text for the given settings JSON. */
    public static String convert(String json) throws ImportException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ImportException("", "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new ImportException("", "expected a JSON object");
        return new SandboxRuntimeImporter().run(root);
    }

    private String run(JsonNode root) throws ImportException {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = "/" + e.getKey();
            refuseIfListed(p, e.getValue());
            switch (e.getKey()) {
                case "network": network(p, object(p, e.getValue())); break;
                case "filesystem": filesystem(p, object(p, e.getValue())); break;
                case "ignoreViolations": ignores(p, object(p, e.getValue())); break;
                case "enableWeakerNestedSandbox": if (bool(p, e.getValue())) sandbox.add("weaker-nested-sandbox"); break;
                case "allowNestedUserNamespaces": if (bool(p, e.getValue())) sandbox.add("nested-userns"); break;
                case "allowPty": if (bool(p, e.getValue())) sandbox.add("allow-pty"); break;
                case "mandatoryDenySearchDepth":
                    if (!e.getValue().isInt() || e.getValue().asInt() < 1 || e.getValue().asInt() > 10) throw new ImportException(p, "expected an integer from 1 to 10");
                    comments.add("mandatoryDenySearchDepth " + e.getValue().asInt() + ": srt protects files at any depth");
                    break;
                default: throw new ImportException(p, "unknown key");
            }
        }
        return render();
    }

    private void refuseIfListed(String p, JsonNode v) throws ImportException {
        String reason = REFUSED.get(p);
        if (reason != null && !(v.isNull() || (v.isBoolean() && !v.asBoolean()))) throw new ImportException(p, reason);
    }

    private void network(String base, JsonNode n) throws ImportException {
        Map<String, String> reasons = new LinkedHashMap<>();
        JsonNode r = n.get("deniedDomainReasons");
        if (r != null) {
            object(base + "/deniedDomainReasons", r);
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                reasons.put(e.getKey(), string(base + "/deniedDomainReasons/" + e.getKey(), e.getValue()));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = base + "/" + e.getKey();
            refuseIfListed(p, e.getValue());
            switch (e.getKey()) {
                case "allowedDomains":
                    for (String h : strings(p, e.getValue())) net.add("allow " + PolicyWriter.quote(h));
                    break;
                case "deniedDomains":
                    for (String h : strings(p, e.getValue())) {
                        String why = reasons.remove(h);
                        net.add("deny " + PolicyWriter.quote(h) + (why == null ? "" : " because " + PolicyWriter.quote(why)));
                    }
                    break;
                case "deniedDomainReasons": break;
                case "strictAllowlist":
                    bool(p, e.getValue());
                    break;
                case "allowUnixSockets":
                    for (String s : strings(p, e.getValue())) net.add("allow unix " + PolicyWriter.quote(s));
                    break;
                case "allowAllUnixSockets": if (bool(p, e.getValue())) net.add("allow unix all because \"imported: allowAllUnixSockets\""); break;
                case "allowLocalBinding": if (bool(p, e.getValue())) net.add("allow bind all because \"imported: allowLocalBinding\""); break;
                case "httpProxyPort": net.add("proxy http \"127.0.0.1:" + port(p, e.getValue()) + "\""); break;
                case "socksProxyPort": net.add("proxy socks \"127.0.0.1:" + port(p, e.getValue()) + "\""); break;
                default: throw new ImportException(p, "unknown key");
            }
        }
        if (!reasons.isEmpty()) {
            throw new ImportException(base + "/deniedDomainReasons/" + reasons.keySet().iterator().next(), "names no entry of deniedDomains");
        }
    }

    private void filesystem(String base, JsonNode n) throws ImportException {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = base + "/" + e.getKey();
            switch (e.getKey()) {
                case "disabled": fsDisabled = bool(p, e.getValue()); break;
                case "denyRead": for (String s : paths(p, e.getValue())) fs.add("read deny " + s); break;
                case "allowRead": for (String s : paths(p, e.getValue())) fs.add("read allow " + s); break;
                case "allowWrite": for (String s : paths(p, e.getValue())) fs.add("write allow " + s); break;
                case "denyWrite": for (String s : paths(p, e.getValue())) fs.add("write deny " + s); break;
                case "allowGitConfig": if (bool(p, e.getValue())) fs.add("unprotect \"**/.git/config\""); break;
                default: throw new ImportException(p, "unknown key");
            }
        }
    }

    private void ignores(String base, JsonNode n) throws ImportException {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String cmd = e.getKey().equals("*") ? "*" : "*" + globEscape(e.getKey()) + "*";
            for (String line : strings(base + "/" + e.getKey(), e.getValue())) {
                violations.add("ignore " + PolicyWriter.quote("*" + globEscape(line) + "*") + " for " + PolicyWriter.quote(cmd));
            }
        }
    }

    /** Path entries: strings (globs as in sandbox-runtime) or {path, literal: true}. */
    private List<String> paths(String p, JsonNode v) throws ImportException {
        if (!v.isArray()) throw new ImportException(p, "expected an array of paths");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode x = v.get(i);
            String q = p + "/" + i;
            if (x.isTextual()) {
                out.add(PolicyWriter.quote(x.asText()));
            } else if (x.isObject()) {
                String path = null;
                boolean literal = false;
                for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().equals("path")) path = string(q + "/path", e.getValue());
                    else if (e.getKey().equals("literal")) literal = bool(q + "/literal", e.getValue());
                    else throw new ImportException(q + "/" + e.getKey(), "unknown key");
                }
                if (path == null) throw new ImportException(q, "missing \"path\"");
                out.add(PolicyWriter.quote(literal ? globEscape(path) : path));
            } else {
                throw new ImportException(q, "expected a path string or {\"path\": ..., \"literal\": true}");
            }
        }
        return out;
    }

    private static String globEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("[]*?".indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    private String render() {
        StringBuilder b = new StringBuilder("srt 1\n\n# Imported from a sandbox-runtime settings file.\n");
        for (String c : comments) b.append("# ").append(c).append('\n');
        if (fsDisabled) {
            b.append("# filesystem.disabled: no filesystem rules (reads and writes allowed everywhere)\n");
        } else {
            b.append("include std:protected          # sandbox-runtime's mandatory denies, at any depth\n");
        }
        b.append("include std:syscalls           # unix-socket and namespace filters, as sandbox-runtime's seccomp helper\n");
        List<String> fsLines = new ArrayList<>();
        if (fsDisabled) fsLines.add("write default allow because \"imported: filesystem.disabled\"");
        else {
            fsLines.add("write allow \"${tmp}\"");
            fsLines.addAll(fs);
        }
        block(b, "filesystem", fsLines);
        block(b, "network", net);
        block(b, "violations", violations);
        block(b, "sandbox", sandbox);
        return b.toString();
    }

    private static void block(StringBuilder b, String name, List<String> lines) {
        if (lines.isEmpty()) return;
        b.append('\n').append(name).append(" {\n");
        for (String l : lines) b.append("  ").append(l).append('\n');
        b.append("}\n");
    }

    private static JsonNode object(String p, JsonNode v) throws ImportException {
        if (!v.isObject()) throw new ImportException(p, "expected an object");
        return v;
    }

    private static boolean bool(String p, JsonNode v) throws ImportException {
        if (!v.isBoolean()) throw new ImportException(p, "expected true or false");
        return v.asBoolean();
    }

    private static String string(String p, JsonNode v) throws ImportException {
        if (!v.isTextual()) throw new ImportException(p, "expected a string");
        return v.asText();
    }

    private static List<String> strings(String p, JsonNode v) throws ImportException {
        if (!v.isArray()) throw new ImportException(p, "expected an array of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(string(p + "/" + i, v.get(i)));
        return out;
    }

    private static int port(String p, JsonNode v) throws ImportException {
        if (!v.isInt() || v.asInt() < 1 || v.asInt() > 65535) throw new ImportException(p, "expected a port from 1 to 65535");
        return v.asInt();
    }
}
