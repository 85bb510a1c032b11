package dev.srt.check;

/** One named semantic check; passes run in the order {@link Frontend#PASSES} states. */
public interface Pass {
    String name();

    void run(CheckContext ctx);
}
