package io.migrun.spring.boot;

import io.migrun.MigrateResult;
import io.migrun.MigrationInfo;
import io.migrun.Migrun;
import io.migrun.MigrunException;
import io.migrun.ValidateResult;
import io.migrun.ValidationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Runs {@code migrun.mode} when the application context creates it. Spring Boot creates it before
 * the beans that use the database (the entity manager factory, {@code JdbcTemplate}s), as it does
 * Flyway's initializer: {@link MigrunDatabaseInitializerDetector} names it a database initializer.
 * A failure stops the start-up with a {@link MigrunStartupException}; in {@link MigrunMode#INIT_JOB}
 * the JVM ends here, with migrun's exit code.
 */
public class MigrunInitializer implements InitializingBean {

    private static final Log LOG = LogFactory.getLog(MigrunInitializer.class);

    private final Migrun migrun;
    private final MigrunMode mode;
    private final IntConsumer exit;

    public MigrunInitializer(Migrun migrun, MigrunMode mode) {
        this(migrun, mode, System::exit);
    }

    MigrunInitializer(Migrun migrun, MigrunMode mode, IntConsumer exit) {
        this.migrun = migrun;
        this.mode = mode;
        this.exit = exit;
    }

    @Override
    public void afterPropertiesSet() {
        switch (mode) {
            case MIGRATE -> run(this::migrate);
            case VALIDATE -> run(this::validate);
            case INIT_JOB -> exit.accept(initJob());
            case NONE -> LOG.info("migrun.mode=none: the database is left as it is");
        }
    }

    private void run(Runnable work) {
        try {
            work.run();
        } catch (MigrunException e) {
            throw new MigrunStartupException(e);
        }
    }

    private void migrate() {
        MigrateResult result = migrun.migrate();
        if (result.stopped() != null) {
            LOG.warn(result.stopped());
        }
        LOG.info("migrun applied " + result.applied().size() + " migration(s); the database is at version "
                + (result.currentVersion() == null ? "none" : result.currentVersion()));
    }

    private void validate() {
        ValidateResult result = migrun.validate();
        if (result.pending() > 0) {
            throw new ValidationException(pendingMessage(migrun.pending()));
        }
        LOG.info("migrun validated " + result.scripts() + " migration file(s): nothing is pending");
    }

    static String pendingMessage(List<MigrationInfo> pending) {
        String names = pending.stream().map(MigrationInfo::script).collect(Collectors.joining(", "));
        return "migrun.mode=validate found " + pending.size() + " pending migration(s) (" + names
                + "), expected none: apply them first (migrun up, or migrun.mode=migrate)";
    }

    private int initJob() {
        try {
            migrate();
            LOG.info("migrun.mode=init-job: done, exiting with 0");
            return 0;
        } catch (MigrunException e) {
            int code = e.exitCode();
            LOG.error(e.getMessage());
            LOG.error("migrun.mode=init-job: failed, exiting with " + code);
            return code;
        }
    }
}
