package io.migrun.spring.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * With {@code migrun.mode=init-job}, turns Spring Boot's shutdown hook off
 * ({@code spring.main.register-shutdown-hook=false}). The init job ends the JVM while the context
 * is still starting; a hook that then closed the context would wait for the start-up to finish, and
 * the start-up waits for the JVM to end, so the job could hang instead of exiting. Registered in
 * {@code META-INF/spring.factories}; runs after the application's configuration files are read.
 */
public class InitJobEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "migrunInitJob";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MigrunMode mode = Binder.get(environment).bind("migrun.mode", MigrunMode.class).orElse(MigrunMode.MIGRATE);
        if (mode == MigrunMode.INIT_JOB) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of("spring.main.register-shutdown-hook", false)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
