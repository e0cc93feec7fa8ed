// Shared by the verify.groovy scripts: `def buildLog = evaluate(new File(buildLogScript))`.
// The build log's lines without colour codes, and checks of the lines the goals wrote, in order.
import java.util.regex.Pattern

/** Maven's own lines around each build (blank lines, rules, banners, 3.9's "from pom.xml", timings), left out of `shown`. */
def maven = [~/\s*/, ~/\[INFO\]   from pom\.xml/, ~/\[(INFO|ERROR)\]\s*/, ~/\[INFO\] -{10,}.*/, ~/\[INFO\] (Scanning for projects|Building \S+ 1\.0|Total time|Finished at).*/]

def lines = { File basedir -> new File(basedir, 'build.log').readLines()*.replaceAll(/\u001B\[[0-9;]*m/, '') }

[
        lines : lines,
        /** The trimmed, non-blank lines of the first xml block under the README's `heading`, with the version this build makes. */
        readmeXml: { String heading ->
            String text = new File(readme).text
            String section = text.substring(text.indexOf('\n' + heading + '\n'))
            int start = section.indexOf('```xml\n') + 7
            section.substring(start, section.indexOf('```', start)).readLines()*.trim().findAll { it }*.replace('0.1.0-SNAPSHOT', pluginVersion)
        },
        /** The trimmed, non-blank lines of a project's pom.xml, as the build ran it. */
        pomLines: { File basedir -> new File(basedir, 'pom.xml').readLines()*.trim().findAll { it } },
        /** The pattern of a goal's heading, in Maven 3.8's form (artifactId) and 3.9's (prefix). */
        goal  : { String name, String project -> ~/\[INFO\] --- migrun(-maven-plugin)?:${Pattern.quote(pluginVersion)}:$name \(default-cli\) @ $project ---/ },
        /**
         * Asserts that the lines but Maven's own hold `expected` (strings or patterns) one after
         * another somewhere; when they do not, the assertion shows them from the first match of its first.
         */
        assertLines: { File basedir, List expected ->
            def shown = lines(basedir).findAll { line -> !maven.any { line ==~ it } }
            def matches = { String line, want -> want instanceof Pattern ? line ==~ want : line == want }
            def holdsAt = { int i -> i + expected.size() <= shown.size() && (0..<expected.size()).every { k -> matches(shown[i + k], expected[k]) } }
            if ((0..<shown.size()).any(holdsAt)) {
                return
            }
            int from = shown.findIndexOf { matches(it, expected[0]) }
            assert from >= 0
            def actual = shown.subList(from, Math.min(shown.size(), from + expected.size()))
            expected.eachWithIndex { want, i ->
                assert i < actual.size() && matches(actual[i], want)
            }
        },
]
