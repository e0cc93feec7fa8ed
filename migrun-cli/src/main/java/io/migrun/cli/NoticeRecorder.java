package io.migrun.cli;

import io.migrun.AppliedMigration;
import io.migrun.MigrationListener;
import io.migrun.MigrationProgress;

import java.util.List;

/** Passes a run's events on, and keeps the server notices its scripts raised for a {@code --json} document. */
final class NoticeRecorder implements MigrationListener {

    /** One NOTICE, WARNING or INFO message, as the document lists it. */
    record Notice(String script, String severity, String message) {
    }

    private final MigrationListener next;
    private final List<Notice> notices;

    NoticeRecorder(MigrationListener next, List<Notice> notices) {
        this.next = next;
        this.notices = notices;
    }

    @Override
    public void onServerNotice(String version, String severity, String message) {
        notices.add(new Notice(version, severity, message));
        next.onServerNotice(version, severity, message);
    }

    @Override
    public void onNotice(String message) {
        next.onNotice(message);
    }

    @Override
    public void beforeMigration(String version, String description, String script) {
        next.beforeMigration(version, description, script);
    }

    @Override
    public void afterMigration(AppliedMigration migration) {
        next.afterMigration(migration);
    }

    @Override
    public void onProgress(MigrationProgress progress) {
        next.onProgress(progress);
    }

    @Override
    public void onScriptLog(String version, String level, String message) {
        next.onScriptLog(version, level, message);
    }
}
