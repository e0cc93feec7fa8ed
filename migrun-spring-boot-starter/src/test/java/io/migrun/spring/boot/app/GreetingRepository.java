package io.migrun.spring.boot.app;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data's repository of {@link Greeting}s. */
public interface GreetingRepository extends JpaRepository<Greeting, Long> {
}
