package dev.srt.backend.seatbelt;

import dev.srt.ir.Effect;

/**
 * One entry of a last-match-wins rule list: its effect, its filter ({@code null} matches
 * everything) and the comment that says where it came from.
 */
record Ordered(Effect effect, Sexp filter, String why) {
}
