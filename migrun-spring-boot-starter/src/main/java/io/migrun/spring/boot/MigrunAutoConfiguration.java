package io.migrun.spring.boot;

import io.migrun.ConfigurationException;
import io.migrun.Migrun;
import io.migrun.MigrunException;
import io.migrun.config.ConfigLoader;
import io.migrun.config.LockGuard;
import io.migrun.config.MigrunConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

import javax.sql.DataSource;

/**
 * Builds a {@link Migrun} from the application's {@link DataSource} and runs {@code migrun.mode}
 * at start-up, before JPA and the other users of the database (see {@link MigrunInitializer}).
 * Applies when the context has a {@code DataSource} and {@code migrun.enabled} is not false; a
 * {@code Migrun} or {@code MigrunInitializer} bean of the application's own replaces this one.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrun.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "migrun", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(MigrunProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class MigrunAutoConfiguration {

    /**
     * The Migrun of the application's DataSource; closing it leaves the DataSource open. Settings it
     * refuses fail the start-up with migrun's message and exit code 2.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Migrun migrun(DataSource dataSource, MigrunProperties properties, ResourceLoader resourceLoader) {
        try {
            return builder(properties, resourceLoader).dataSource(dataSource).load();
        } catch (MigrunException e) {
            throw new MigrunStartupException(e);
        }
    }

    private static Migrun.Builder builder(MigrunProperties properties, ResourceLoader resourceLoader) {
        MigrunConfig.Builder config = MigrunConfig.builder()
                .migrations(MigrationsLocation.resolve(properties.getLocations(), resourceLoader))
                .outOfOrder(properties.isOutOfOrder())
                .target(properties.getTarget() == null ? null : ConfigLoader.version("migrun.target", properties.getTarget()))
                .lockGuard(lockGuard(properties));
        if (properties.getLockTimeout() != null) {
            config.lockTimeout(properties.getLockTimeout());
        }
        if (properties.getTable() != null) {
            config.table(properties.getTable());
        }
        if (properties.getSchema() != null) {
            config.schema(properties.getSchema());
        }
        return Migrun.configure().config(config.build());
    }

    /** The lock guard of migration statements: each property left unset keeps migrun's default. */
    private static LockGuard lockGuard(MigrunProperties properties) {
        LockGuard d = LockGuard.DEFAULT;
        try {
            return new LockGuard(properties.getDdlLockTimeout() == null ? d.timeout() : properties.getDdlLockTimeout(),
                    properties.getLockRetries() == null ? d.retries() : properties.getLockRetries(),
                    properties.getLockRetryTime() == null ? d.retryTime() : properties.getLockRetryTime());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid migrun.* lock guard properties: " + e.getMessage()
                    .replace("ddlLockTimeout", "migrun.ddl-lock-timeout").replace("lockRetries", "migrun.lock-retries")
                    .replace("lockRetryTime", "migrun.lock-retry-time") + ".");
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public MigrunInitializer migrunInitializer(Migrun migrun, MigrunProperties properties) {
        return new MigrunInitializer(migrun, properties.getMode());
    }
}
