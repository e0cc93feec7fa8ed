package io.migrun.internal.retry

import spock.lang.Specification

import java.time.Duration

/** The named pauses of every retry and poll loop: how long each waits before its next try. */
class BackoffSpec extends Specification {

    def "#name waits between #low and #high ms before retry #retry"() {
        when:
        def pauses = (1..200).collect { policy.delayMillis(retry) }

        then:
        pauses.every { it >= low && it <= high }

        where:
        name               | policy                   | retry || low   | high
        'BATCH'            | Backoff.BATCH            | 0     || 200   | 200
        'BATCH'            | Backoff.BATCH            | 1     || 400   | 400
        'BATCH'            | Backoff.BATCH            | 3     || 1600  | 1600
        'BATCH'            | Backoff.BATCH            | 4     || 3200  | 3200
        'BATCH'            | Backoff.BATCH            | 5     || 5000  | 5000
        'BATCH'            | Backoff.BATCH            | 60    || 5000  | 5000
        'HTTP'             | Backoff.HTTP             | 0     || 100   | 200
        'HTTP'             | Backoff.HTTP             | 1     || 200   | 400
        'HTTP'             | Backoff.HTTP             | 5     || 3200  | 6400
        'HTTP'             | Backoff.HTTP             | 6     || 5000  | 10000
        'HTTP'             | Backoff.HTTP             | 40    || 5000  | 10000
        'LOCK_POLL'        | Backoff.LOCK_POLL        | 0     || 50    | 50
        'LOCK_POLL'        | Backoff.LOCK_POLL        | 4     || 800   | 800
        'LOCK_POLL'        | Backoff.LOCK_POLL        | 5     || 1000  | 1000
        'SESSION_WAIT'     | Backoff.SESSION_WAIT     | 0     || 20    | 20
        'SESSION_WAIT'     | Backoff.SESSION_WAIT     | 4     || 320   | 320
        'SESSION_WAIT'     | Backoff.SESSION_WAIT     | 5     || 500   | 500
        'THROTTLE'         | Backoff.THROTTLE         | 0     || 1000  | 1000
        'THROTTLE'         | Backoff.THROTTLE         | 4     || 16000 | 16000
        'THROTTLE'         | Backoff.THROTTLE         | 5     || 30000 | 30000
    }

    def "jittered pauses spread over the range rather than keeping to one value"() {
        expect:
        (1..200).collect { Backoff.HTTP.delayMillis(3) }.toSet().size() > 10
    }

    def "a poll loop's pauses double from the first up to the longest and stay there"() {
        when:
        def pauses = Backoff.LOCK_POLL.pauses()

        then:
        (1..8).collect { pauses.next() } == [50, 100, 200, 400, 800, 1000, 1000, 1000]
    }

    def "a pause long past the longest does not overflow"() {
        expect:
        new Backoff(Duration.ofDays(1), Duration.ofDays(7), false).capMillis(Integer.MAX_VALUE) == Duration.ofDays(7).toMillis()
    }

    def "a policy whose #what is refused, naming the argument"() {
        when:
        new Backoff(first, max, false)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        what              | first                 | max                   || message
        'first is zero'   | Duration.ZERO         | Duration.ofSeconds(1) || 'first must be at least 1 ms, not PT0S'
        'max below first' | Duration.ofSeconds(2) | Duration.ofSeconds(1) || 'max must be at least first (PT2S), not PT1S'
    }

    def "a retry before the first is refused"() {
        when:
        Backoff.BATCH.capMillis(-1)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'retry counts from 0 for the first retry, not -1'
    }
}
