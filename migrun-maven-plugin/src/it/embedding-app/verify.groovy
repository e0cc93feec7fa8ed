// The application's own SLF4J binding logs its own line, and SLF4J warns of nothing (no second
// binding, no missing provider, no version mismatch brought by migrun-core).
def buildLog = evaluate(new File(buildLogScript))
def log = buildLog.lines(basedir)
// every line of the README's embedding example is in this project's pom, in the same order
def pom = buildLog.pomLines(basedir)
int from = 0
buildLog.readmeXml('### Embedding in a Java application').each { line ->
    int found = pom.subList(from, pom.size()).indexOf(line)
    assert found >= 0: "the README's line ${line} is not in pom.xml after its line ${from}"
    from += found + 1
}
assert log.contains('[main] INFO com.example.MigrateOnStartTest - embedding-app applied 1 migration(s), now at version 1')
assert log.findAll { it.startsWith('SLF4J(W)') || it.startsWith('SLF4J:') } == []
assert log.contains('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
true
