package dev.srt.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.HostPattern;
import dev.srt.ir.Hosts;
import dev.srt.ir.IgnoreRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.NetRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.Span;
import dev.srt.ir.UnixSocketRule;
import dev.srt.testkit.IrGen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link IrNetworkReader} against Jackson: random network rules and ignores (every host kind,
 * the whole port range, CIDR ranges of both families, external proxies, unix-socket and bind
 * rules, arbitrary text in every string) written by {@link IrJson} read back equal to what was
 * written and to what Jackson reads; and any one structural damage to that JSON (a field
 * removed, a field added, a value of the wrong type) refused with a message naming the field.
 */
class IrNetworkReaderProperties {
    @Property(tries = 400)
    void readsWhatIrJsonWroteAsJacksonDoes(@ForAll("policies") Policy p) throws IOException {
        byte[] json = IrJson.write(p);
        IrNetworkReader.Rules r = IrNetworkReader.read(json);
        assertEquals(p.network(), r.network());
        assertEquals(p.ignores(), r.ignores());
        Policy jackson = IrJson.readPolicy(json);
        assertEquals(jackson.network(), r.network());
        assertEquals(jackson.ignores(), r.ignores());
        // the layout does not matter: --format json output (indented) reads the same
        IrNetworkReader.Rules pretty = IrNetworkReader.read(IrJson.pretty(p).getBytes(StandardCharsets.UTF_8));
        assertEquals(r, pretty);
    }

    @Property(tries = 400)
    void anyOneStructuralDamageIsRefused(@ForAll("policies") Policy p, @ForAll Random random) throws IOException {
        ObjectNode root = (ObjectNode) IrJson.MAPPER.readTree(IrJson.write(p));
        String named = Damage.apply(root, random);
        byte[] damaged = IrJson.MAPPER.writeValueAsBytes(root);
        IOException e = assertThrows(IOException.class, () -> IrNetworkReader.read(damaged), named);
        assertTrue(e.getMessage().contains(named), named + " not in: " + e.getMessage());
    }

    /** One random damage to the parts the reader decodes; returns the field or element it names. */
    static final class Damage {
        private static final JsonNodeFactory F = JsonNodeFactory.instance;
        /** The JSON types each field name may hold in the network part of the IR. */
        private static final Map<String, Set<String>> TYPES = Map.ofEntries(
            Map.entry("network", Set.of("object")), Map.entry("ignores", Set.of("list")),
            Map.entry("rules", Set.of("list")), Map.entry("unixSockets", Set.of("list")), Map.entry("bind", Set.of("list")),
            Map.entry("proxies", Set.of("list")), Map.entry("effect", Set.of("string")), Map.entry("host", Set.of("object", "string")),
            Map.entry("port", Set.of("integer")), Map.entry("exact", Set.of("boolean")), Map.entry("because", Set.of("string", "null")),
            Map.entry("span", Set.of("object")), Map.entry("kind", Set.of("string")), Map.entry("name", Set.of("string")),
            Map.entry("suffix", Set.of("string")), Map.entry("address", Set.of("string")), Map.entry("prefix", Set.of("integer")),
            Map.entry("path", Set.of("object", "null")), Map.entry("text", Set.of("string")), Map.entry("violation", Set.of("string")),
            Map.entry("command", Set.of("string")), Map.entry("file", Set.of("string")), Map.entry("line", Set.of("integer")),
            Map.entry("col", Set.of("integer")), Map.entry("length", Set.of("integer")));

        record Site(JsonNode parent, String key, int index) {
        }

        static String apply(ObjectNode root, Random random) {
            List<Site> objects = new ArrayList<>();
            List<Site> elements = new ArrayList<>();
            objects.add(new Site(null, "", -1));
            collect(root.get("network"), objects, elements);
            collect(root.get("ignores"), objects, elements);
            int what = random.nextInt(4);
            if (what == 3 && !elements.isEmpty()) {
                Site s = elements.get(random.nextInt(elements.size()));
                JsonNode[] wrong = {F.nullNode(), F.numberNode(1), F.textNode("x"), F.booleanNode(true), F.arrayNode()};
                ((ArrayNode) s.parent()).set(s.index(), wrong[random.nextInt(wrong.length)]);
                return "[" + s.index() + "]";
            }
            Site s = objects.get(random.nextInt(objects.size()));
            ObjectNode o = s.parent() == null ? root : (ObjectNode) s.parent().get(s.key());
            if (what == 0 || o.size() == 0) {
                o.put("unexpected", 1);
                return "unknown field \"unexpected\"";
            }
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) keys.add(it.next());
            if (s.parent() == null) keys.retainAll(List.of("network", "ignores", "languageVersion", "sources", "filesystem"));
            String key = keys.get(random.nextInt(keys.size()));
            if (what == 1 || !TYPES.containsKey(key)) {
                o.remove(key);
                return "missing field \"" + key + "\"";
            }
            List<JsonNode> wrong = new ArrayList<>();
            for (JsonNode n : List.of(F.nullNode(), F.numberNode(7), F.textNode("7"), F.booleanNode(false), F.arrayNode(), F.objectNode())) {
                if (!TYPES.get(key).contains(type(n))) wrong.add(n);
            }
            o.set(key, wrong.get(random.nextInt(wrong.size())));
            return key;
        }

        /** Every object under {@code n} as (its parent, its key or index); every list element as a site too. */
        private static void collect(JsonNode n, List<Site> objects, List<Site> elements) {
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isObject()) objects.add(new Site(n, e.getKey(), -1));
                    collect(e.getValue(), objects, elements);
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    elements.add(new Site(n, null, i));
                    // an object in a list is reached through a one-element wrapper site
                    if (n.get(i).isObject()) objects.add(new Site(wrap(n.get(i)), "o", -1));
                    collect(n.get(i), objects, elements);
                }
            }
        }

        private static ObjectNode wrap(JsonNode element) {
            ObjectNode w = F.objectNode();
            w.set("o", element); // same node instance: damage through the wrapper changes the document
            return w;
        }

        private static String type(JsonNode n) {
            if (n.isNull()) return "null";
            if (n.isTextual()) return "string";
            if (n.isIntegralNumber()) return "integer";
            if (n.isBoolean()) return "boolean";
            if (n.isArray()) return "list";
            return "object";
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<Policy> policies() {
        Arbitrary<NetPolicy> net = Combinators.combine(netRules().list().ofMaxSize(6), unixRules().list().ofMaxSize(3),
            bindRules().list().ofMaxSize(3), proxies().list().ofMaxSize(2)).as(NetPolicy::new);
        return Combinators.combine(IrGen.policies(), net, ignores().list().ofMaxSize(3))
            .as((p, n, ig) -> new Policy(p.languageVersion(), p.sources(), p.filesystem(), n, p.syscalls(), p.environment(),
                ig, p.options(), p.expectations()));
    }

    /** Any text Jackson can write as UTF-8 (no lone surrogates), with the characters JSON must escape made frequent. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(12),
            Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028aé").ofMaxLength(6),
            Arbitraries.of("", "git *", "*", "<builtin>", "std:default", "\ud83d\ude00 emoji", "a\"b\\c"));
    }

    static Arbitrary<String> because() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.<String>just(null)), Tuple.of(1, text()));
    }

    static Arbitrary<Span> spans() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(text(), n, n, n).as(Span::new);
    }

    static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 65535);
    }

    /** Host names in the compiler's canonical form: lower-case ASCII labels, punycode, not ending in a number. */
    static Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcxyz0129-_").ofMinLength(1).ofMaxLength(8)
            .filter(l -> !l.startsWith("-") && !l.endsWith("-"));
        Arbitrary<String> generated = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l))
            .filter(n -> Hosts.canonicalName(n).equals(Optional.of(n)));
        return Arbitraries.oneOf(generated, Arbitraries.of("localhost", "github.com", "xn--bcher-kva.example", "a_b.example.org",
            "0x1g.example", "1.example"));
    }

    /** IP addresses in canonical text: dotted quads, compressed IPv6 (not IPv4-mapped, which the compiler writes as IPv4). */
    static Arbitrary<Hosts.Canonical> addresses() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        // 16-bit groups that are often zero, so the :: compression is exercised
        Arbitrary<byte[]> v6 = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(0, 0xffff)),
                Tuple.of(1, Arbitraries.just(0)))
            .list().ofSize(8).map(g -> {
                byte[] b = new byte[16];
                for (int i = 0; i < 8; i++) {
                    b[2 * i] = (byte) (g.get(i) >> 8);
                    b[2 * i + 1] = (byte) (int) g.get(i);
                }
                return b;
            });
        // an IPv4-mapped IPv6 address comes out as IPv4, as the compiler writes it
        return Arbitraries.oneOf(v4.map(Hosts::formatV4), v6.map(Hosts::formatV6)).map(t -> Hosts.canonical(t).orElseThrow());
    }

    static Arbitrary<HostPattern> hosts() {
        Arbitrary<HostPattern> range = addresses().flatMap(a -> Arbitraries.integers().between(0, a.address().length * 8)
            .map(p -> new HostPattern.Range(a.text(), p)));
        return Arbitraries.oneOf(names().map(HostPattern.Name::new), names().map(HostPattern.Subdomains::new), range,
            Arbitraries.just(new HostPattern.Any()));
    }

    static Arbitrary<NetRule> netRules() {
        return Combinators.combine(Arbitraries.of(Effect.class), hosts(), ports(), Arbitraries.of(true, false), because(), spans())
            .as(NetRule::new);
    }

    static Arbitrary<UnixSocketRule> unixRules() {
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.<PathPattern>just(null), IrGen.paths()), because(), spans()).as(UnixSocketRule::new);
    }

    static Arbitrary<BindRule> bindRules() {
        return Combinators.combine(ports(), because(), spans()).as(BindRule::new);
    }

    static Arbitrary<ExternalProxy> proxies() {
        Arbitrary<String> host = Arbitraries.oneOf(names(), addresses().map(Hosts.Canonical::text));
        return Combinators.combine(Arbitraries.of(ExternalProxy.Kind.class), host, Arbitraries.integers().between(1, 65535), spans())
            .as(ExternalProxy::new);
    }

    static Arbitrary<IgnoreRule> ignores() {
        return Combinators.combine(text(), text(), spans()).as(IgnoreRule::new);
    }
}
