package dev.srt.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The stock policies embedded in srtc (the repository's {@code policies/} folder). */
public final class StockPolicies {
    private static final String DIR = "dev/srt/policies/";

    private StockPolicies() {
    }

    /** The bytes of {@code std:NAME}, or empty when there is no such stock policy. */
    public static Optional<byte[]> read(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) return Optional.empty();
        try (InputStream in = StockPolicies.class.getClassLoader().getResourceAsStream(DIR + name + ".srt")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The names of all stock policies, sorted. */
    public static List<String> names() {
        TreeSet<String> out = new TreeSet<>();
        try {
            Enumeration<URL> roots = StockPolicies.class.getClassLoader().getResources(DIR);
            while (roots.hasMoreElements()) {
                URL u = roots.nextElement();
                if (u.getProtocol().equals("file")) {
                    try (var s = Files.list(Path.of(u.toURI()))) {
                        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".srt"))
                            .forEach(n -> out.add(n.substring(0, n.length() - 4)));
                    }
                } else if (u.getProtocol().equals("jar")) {
                    String jar = u.getPath().substring("file:".length(), u.getPath().indexOf('!'));
                    try (JarFile jf = new JarFile(java.net.URLDecoder.decode(jar, java.nio.charset.StandardCharsets.UTF_8))) {
                        Enumeration<JarEntry> es = jf.entries();
                        while (es.hasMoreElements()) {
                            String n = es.nextElement().getName();
                            if (n.startsWith(DIR) && n.endsWith(".srt")) out.add(n.substring(DIR.length(), n.length() - 4));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            return new ArrayList<>(out);
        }
        return new ArrayList<>(out);
    }
}
