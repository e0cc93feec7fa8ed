package io.migrun.spring.boot;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * The {@code DatabaseInitializerDetector} that tells Spring Boot that a {@link MigrunInitializer} initializes the database, so the beans that
 * depend on database initialization (JPA's entity manager factory, {@code JdbcTemplate}s, beans
 * marked {@code @DependsOnDatabaseInitialization}) are created after it. Registered in
 * {@code META-INF/spring.factories}, as Flyway's and Liquibase's detectors are.
 */
public class MigrunDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrunInitializer.class);
    }
}
