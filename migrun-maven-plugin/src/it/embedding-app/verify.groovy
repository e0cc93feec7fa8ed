// The application's own SLF4J binding logs its own line, and SLF4J warns of nothing (no second
// binding, no missing provider, no version mismatch brought by migrun-core).
def log = evaluate(new File(buildLogScript)).lines(basedir)
assert log.contains('[main] INFO com.example.MigrateOnStartTest - embedding-app applied 1 migration(s), now at version 1')
assert log.findAll { it.startsWith('SLF4J(W)') || it.startsWith('SLF4J:') } == []
assert log.contains('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
true
