package io.migrun.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migrun.internal.json.Json;

/**
 * What a command prints under {@code --json}: one JSON document on stdout, with every known
 * secret masked inside its values (so it stays JSON). Fields that hold JSON text, such as a run's
 * result, are written as JSON values.
 */
final class JsonOutput {

    private JsonOutput() {
    }

    /** The value as a tree, to adjust before {@link #print}. */
    static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }

    /** Replaces the named text fields of {@code node}, each holding JSON text or null, with the JSON they hold. */
    static void embed(JsonNode node, String... fields) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (String field : fields) {
            JsonNode text = object.get(field);
            if (text != null && text.isTextual()) {
                try {
                    object.set(field, Json.mapper().readTree(text.textValue()));
                } catch (JsonProcessingException e) {
                    // not JSON after all: it stays the text it is
                }
            }
        }
    }

    static void print(CliContext context, Object value) {
        print(context, tree(value));
    }

    /** Prints the document, with the server notices the command's scripts raised under {@code notices} when there were any. */
    static void print(CliContext context, JsonNode document) {
        if (document instanceof ObjectNode object && !context.notices().isEmpty()) {
            object.set("notices", tree(context.notices()));
        }
        context.out().println(Json.write(context.mask().mask(document)));
    }

    /** The document of a command that failed: {@code {"error": {"message": …, "exitCode": n}}}. */
    static void error(CliContext context, String message, int exitCode) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putObject("error").put("message", message).put("exitCode", exitCode);
        print(context, doc);
    }
}
