package io.migrun.bench;

/** The floor: a JVM that starts and exits. */
public final class Noop {

    private Noop() {
    }

    public static void main(String[] args) {
        System.out.print("");
    }
}
