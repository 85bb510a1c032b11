package dev.srt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** All-ASCII host names skip java.net.IDN: the result must be exactly what IDN would have given. */
class HostsAsciiProperties {
    /** canonicalName as it is with every name passed through IDN.toASCII. */
    static Optional<String> viaIdn(String name) {
        String n = name;
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.isEmpty() || n.length() > 253) return Optional.empty();
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Hosts.asciiName(n);
    }

    @Property(tries = 3000)
    void asciiNamesAsIdnWouldHaveThem(@ForAll("asciiHosts") String name) {
        assertEquals(viaIdn(name), Hosts.canonicalName(name), name);
    }

    @Provide
    Arbitrary<String> asciiHosts() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ09-_xn").ofMinLength(0).ofMaxLength(70);
        Arbitrary<String> odd = Arbitraries.strings().withChars("aZ0.-_ /:@%*\t\u007f").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l));
        return Arbitraries.oneOf(name, name.map(n -> n + "."), name.map(n -> n + ".."), odd,
            Arbitraries.of("localhost", "LOCALHOST.", "xn--bcher-kva.example", "XN--BCHER-KVA.example", "a..b", ".", "",
                "a".repeat(63) + ".com", "a".repeat(64) + ".com", ("abcdefghi.").repeat(26)));
    }
}
