package dev.srt.check;

import dev.srt.syntax.Ast;
import dev.srt.syntax.Source;

/**
 * One parsed file of a policy. {@code rank} is its place in precedence order: the compiled
 * file is 0, then included files depth first in include order.
 */
public record Unit(String name, Source source, Ast.File ast, int rank) {
}
