package io.migrun.spring.boot.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The table {@code greeting}, created by the demo's migration V1. */
@Entity
@Table(name = "greeting")
public class Greeting {

    @Id
    private Long id;

    @Column(name = "text", nullable = false)
    private String text;

    protected Greeting() {
    }

    public Greeting(Long id, String text) {
        this.id = id;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
