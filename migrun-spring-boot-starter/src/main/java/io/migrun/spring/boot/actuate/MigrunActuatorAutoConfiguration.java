package io.migrun.spring.boot.actuate;

import io.migrun.Migrun;
import io.migrun.spring.boot.MigrunAutoConfiguration;
import io.migrun.spring.boot.MigrunProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code migrun} Actuator endpoint and health indicator, when Actuator is on the class path and
 * the context has a {@link Migrun}. The endpoint is exposed as any other
 * ({@code management.endpoints.web.exposure.include=migrun}); the health indicator is turned off by
 * {@code management.health.migrun.enabled=false}.
 */
@AutoConfiguration(after = MigrunAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Migrun.class)
@EnableConfigurationProperties(MigrunProperties.class)
public class MigrunActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public MigrunEndpoint migrunEndpoint(Migrun migrun) {
        return new MigrunEndpoint(migrun);
    }

    @Bean
    @ConditionalOnMissingBean(name = "migrunHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("migrun")
    public MigrunHealthIndicator migrunHealthIndicator(Migrun migrun, MigrunProperties properties) {
        return new MigrunHealthIndicator(migrun, properties.getHealth().isPendingDown());
    }
}
