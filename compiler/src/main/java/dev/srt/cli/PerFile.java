package dev.srt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * The file loop shared by {@code check}, {@code lint} and {@code fmt}: one JSON item per file
 * (its name first), an unreadable file reported the same way by all three, every file handled
 * even after a failure, and exit status 1 when any file failed. With {@code --format json} the
 * items are printed as one document at the end.
 */
final class PerFile {
    /** What a command does with one file; returns whether the file passed. */
    interface Step {
        boolean run(String file, ObjectNode item) throws PolicyFiles.InputException;
    }

    private PerFile() {
    }

    /**
     * Runs {@code step} on every file. {@code header} adds command-specific fields to the JSON
     * document; {@code failure} marks an item whose file could not be read, in the command's terms.
     */
    static int run(String command, List<String> files, OutputFormat format, Consumer<ObjectNode> header,
                   Consumer<ObjectNode> failure, Step step) {
        boolean ok = true;
        ArrayNode items = Json.array();
        for (String f : files) {
            ObjectNode item = Json.object();
            item.put("file", f);
            try {
                ok &= step.run(f, item);
            } catch (PolicyFiles.InputException e) {
                ok = false;
                failure.accept(item);
                failed(item, e.getMessage(), format);
            }
            items.add(item);
        }
        if (format.json()) {
            ObjectNode doc = Json.document(command);
            header.accept(doc);
            doc.set("files", items);
            doc.put("ok", ok);
            Json.print(doc);
        }
        return ok ? 0 : 1;
    }

    /** Records why a file could not be handled: in its JSON item, or as one line on stderr. */
    static void failed(ObjectNode item, String message, OutputFormat format) {
        item.put("error", message);
        if (!format.json()) System.err.println("srtc: " + message);
    }
}
