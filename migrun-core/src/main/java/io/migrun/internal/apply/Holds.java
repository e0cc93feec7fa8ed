package io.migrun.internal.apply;

import io.migrun.internal.history.Control;

/** How an operator's standing request reads where {@code up} stops at it. */
public final class Holds {

    private Holds() {
    }

    static String describe(Control hold, String script) {
        String v = hold.version();
        String since = Validator.WHEN.format(hold.requestedAt());
        if (hold.request().equals("cancel")) {
            return "V" + v + " (" + script + ") is held: " + hold.requestedBy() + " cancelled it on " + since
                    + ". Run migrun retry " + v + " to run it again from its last checkpoint.";
        }
        return "V" + v + " (" + script + ") is paused: " + hold.requestedBy() + " paused it on " + since
                + ". Run migrun resume " + v + ", then migrun up, to go on.";
    }
}
