package io.migrun.internal.apply;

import io.migrun.MigrunException;

import java.util.List;

/** A verify block whose expectations did not all hold; the message lists each with the counts it was judged on. */
public final class VerifyFailure extends MigrunException {

    private static final long serialVersionUID = 1L;

    private final List<String> failures;

    VerifyFailure(List<String> failures) {
        super("verify failed: " + (failures.size() == 1 ? failures.get(0) : failures.size() + " expectations did not hold:\n  - "
                + String.join("\n  - ", failures)));
        this.failures = List.copyOf(failures);
    }

    public List<String> failures() {
        return failures;
    }
}
