package io.migrun.maven;

import org.apache.maven.plugins.annotations.Mojo;

/** {@code up} under Flyway's name: applies pending migrations in version order. */
@Mojo(name = "migrate", requiresProject = true, threadSafe = true)
public class MigrateMojo extends UpMojo {
}
