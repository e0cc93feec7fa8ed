package io.migrun.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migrun.LintResult;
import io.migrun.internal.json.Json;

import java.io.PrintStream;

/** How {@code migrun lint} shows its result: text blocks, or a SARIF 2.1.0 document for code scanning. */
final class LintReport {

    static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private LintReport() {
    }

    /** One block per finding and per statement not checked, then a summary line. */
    static void text(LintResult result, PrintStream out) {
        for (LintResult.Finding f : result.findings()) {
            out.println(f.file() + ":" + f.line() + ": " + f.rule().id() + " " + f.rule().title());
            out.println("  " + f.statement());
            out.println("  Why: " + f.rule().why());
            out.println("  Fix: " + f.rule().fix());
            out.println();
        }
        for (LintResult.NotChecked n : result.notChecked()) {
            out.println(n.file() + ":" + n.line() + ": not checked: " + n.reason());
            out.println("  " + n.statement());
            out.println();
        }
        out.println("Checked " + result.statements() + " statement" + (result.statements() == 1 ? "" : "s") + " in " + result.migrations()
                + " migration" + (result.migrations() == 1 ? "" : "s") + ": " + result.findings().size() + " problem"
                + (result.findings().size() == 1 ? "" : "s") + ", " + result.notChecked().size() + " not checked.");
    }

    /**
     * Findings as {@code error} results of their rule, statements not checked as {@code note} results without a rule.
     *
     * @param folder the migrations folder as the file paths start, relative to the working directory, with a closing slash
     */
    static ObjectNode sarif(LintResult result, String folder) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("$schema", SARIF_SCHEMA).put("version", "2.1.0");
        ObjectNode run = doc.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "migrun lint");
        ArrayNode rules = driver.putArray("rules");
        for (LintResult.Rule r : result.rules()) {
            ObjectNode rule = rules.addObject().put("id", r.id());
            rule.putObject("shortDescription").put("text", r.title());
            rule.putObject("fullDescription").put("text", r.why());
            rule.putObject("help").put("text", r.fix());
        }
        ArrayNode results = run.putArray("results");
        for (LintResult.Finding f : result.findings()) {
            ObjectNode r = results.addObject().put("ruleId", f.rule().id()).put("level", "error");
            r.putObject("message").put("text", f.rule().title() + ": " + f.statement() + ". " + f.rule().why() + " Fix: " + f.rule().fix());
            location(r, folder + f.file(), f.line());
        }
        for (LintResult.NotChecked n : result.notChecked()) {
            ObjectNode r = results.addObject().put("level", "note");
            r.putObject("message").put("text", "Not checked: " + n.reason() + ": " + n.statement());
            location(r, folder + n.file(), n.line());
        }
        return doc;
    }

    private static void location(ObjectNode result, String file, int line) {
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", file);
        physical.putObject("region").put("startLine", line);
    }
}
