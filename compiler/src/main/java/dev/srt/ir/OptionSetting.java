package dev.srt.ir;

/** A sandbox switch that a policy turned on, and where. */
public record OptionSetting(SandboxOption option, Span span) implements Comparable<OptionSetting> {
    @Override
    public int compareTo(OptionSetting o) {
        return option.compareTo(o.option);
    }
}
