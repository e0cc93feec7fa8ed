package io.migrun.support

import groovy.transform.Canonical

/** What one CLI run returned and printed. */
@Canonical
class CliResult {
    int exitCode
    String out
    String err

    String toString() {
        "exit ${exitCode}\n--- stdout\n${out}--- stderr\n${err}"
    }
}
