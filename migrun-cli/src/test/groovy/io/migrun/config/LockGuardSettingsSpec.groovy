package io.migrun.config

import io.migrun.ConfigurationException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.time.Duration

class LockGuardSettingsSpec extends Specification {

    @TempDir
    Path dir

    LockGuard guard(Map<String, String> flags = [:], Map<String, String> env = [:], String yaml = null) {
        if (yaml != null) {
            dir.resolve('migrun.yml').text = yaml.stripIndent()
        }
        ConfigLoader.load(flags, env, dir).build().lockGuard()
    }

    def "the guard is on by default: 5 s lock timeout, 5 retries within 2 minutes, and the migration lock's timeout is apart"() {
        when:
        def config = ConfigLoader.load([:], [:], dir).build()

        then:
        config.lockGuard() == new LockGuard(Duration.ofSeconds(5), 5, Duration.ofMinutes(2))
        config.lockGuard().on()
        config.lockTimeout() == Duration.ofSeconds(60)
    }

    def "flags beat MIGRUN_ variables, which beat the chosen environment, which beats the top level"() {
        given:
        String yaml = '''\
            ddlLockTimeout: 3s
            lockRetries: 7
            lockRetryTime: 5m
            lockTimeout: 90s
            environments:
              prod:
                ddlLockTimeout: 2s
                lockRetries: 9
            '''

        expect:
        guard([:], [:], yaml) == new LockGuard(Duration.ofSeconds(3), 7, Duration.ofMinutes(5))
        guard([env: 'prod'], [:], yaml) == new LockGuard(Duration.ofSeconds(2), 9, Duration.ofMinutes(5))
        guard([env: 'prod'], [MIGRUN_DDL_LOCK_TIMEOUT: '1s', MIGRUN_LOCK_RETRY_TIME: '30s'], yaml) == new LockGuard(Duration.ofSeconds(1), 9, Duration.ofSeconds(30))
        guard([env: 'prod', ddlLockTimeout: '500ms', lockRetries: '1'], [MIGRUN_DDL_LOCK_TIMEOUT: '1s'], yaml) == new LockGuard(Duration.ofMillis(500), 1, Duration.ofMinutes(5))
        ConfigLoader.load([:], [:], dir).build().lockTimeout() == Duration.ofSeconds(90)
    }

    def "0 turns the guard off"() {
        expect:
        !guard([ddlLockTimeout: '0']).on()
    }

    def "a bad value is named: #setting #value"() {
        when:
        guard([(setting): value])

        then:
        ConfigurationException e = thrown()
        e.message == message

        where:
        setting          | value   | message
        'ddlLockTimeout' | 'soon'  | "Invalid ddlLockTimeout: 'soon' is not a duration: expected a number with ms, s, m, h or d, such as 60s."
        'lockRetryTime'  | '2 min' | "Invalid lockRetryTime: '2 min' is not a duration: expected a number with ms, s, m, h or d, such as 60s."
        'lockRetries'    | 'many'  | "Invalid lockRetries 'many': expected a whole number of retries, such as 5 (0 for none)."
        'lockRetries'    | '-1'    | 'Invalid configuration:\n  lockRetries must be zero or more, such as 5, not -1'
    }
}
