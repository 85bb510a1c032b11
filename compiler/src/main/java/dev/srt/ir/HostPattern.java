package dev.srt.ir;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The host part of a network rule, in canonical form. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HostPattern.Name.class, name = "name"),
    @JsonSubTypes.Type(value = HostPattern.Subdomains.class, name = "subdomains"),
    @JsonSubTypes.Type(value = HostPattern.Range.class, name = "range"),
    @JsonSubTypes.Type(value = HostPattern.Any.class, name = "any")
})
public sealed interface HostPattern {
    /** The pattern as written canonically, e.g. {@code *.example.com} or {@code 10.0.0.0/8}. */
    String render();

    /** An exact host name: lower case, ASCII (punycode), no trailing dot. */
    record Name(String name) implements HostPattern {
        public String render() {
            return name;
        }
    }

    /** {@code *.suffix}: every strict subdomain of suffix, not suffix itself. */
    record Subdomains(String suffix) implements HostPattern {
        public String render() {
            return "*." + suffix;
        }
    }

    /** An IP address range; a literal address is a range with a full prefix. */
    record Range(String address, int prefix) implements HostPattern {
        public String render() {
            boolean v6 = address.contains(":");
            int full = v6 ? 128 : 32;
            if (prefix == full) return v6 ? "[" + address + "]" : address;
            return (v6 ? "[" + address + "]" : address) + "/" + prefix;
        }

        public boolean isV6() {
            return address.contains(":");
        }
    }

    /** {@code *}: any host (only meaningful with deny, e.g. {@code deny *:25}). */
    record Any() implements HostPattern {
        public String render() {
            return "*";
        }
    }
}
