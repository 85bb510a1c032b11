package dev.srt.check;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Suggest {
    private Suggest() {
    }

    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        int allowed = Math.max(1, word.length() / 3);
        return bestD <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** " (did you mean X?)"-style help text, or the fallback. */
    public static String help(String word, Collection<String> candidates, String fallback) {
        return closest(word, candidates).map(s -> "did you mean `" + s + "`?").orElse(fallback);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
