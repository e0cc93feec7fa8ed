package io.migrun.internal.apply;

import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.session.BlockRun;

/** How a failed versioned migration reads: what it left behind, and the commands that go on from there. */
final class UpWording implements BlockRun.Wording {

    private final String v;
    private final String name;

    UpWording(ResolvedScript script) {
        this.v = script.version().toString();
        this.name = script.name();
    }

    @Override
    public String failed() {
        return "Migration V" + v + " (" + name + ") failed:";
    }

    @Override
    public String after(BlockRun.Left left, BlockRun.Cause cause) {
        String partial = "Check the database and undo or finish them by hand, then run\n"
                + "  migrun repair " + v + "                  to run it again with the next migrun up\n"
                + "  migrun repair " + v + " --mark-applied   if you completed it by hand";
        return switch (left) {
            case RESUMABLE -> "The failing batch or step was rolled back; the steps and batches committed before it stay, and the next migrun up resumes after them. "
                    + next(cause, "resume");
            case ROLLED_BACK -> "Its transaction was rolled back, so nothing of it was applied. "
                    + next(cause, "apply it");
            case NO_TRANSACTION -> "It ran without a transaction, so some of its changes may be in place. " + partial;
            case ENDED_BY_SCRIPT -> "The script ended its transaction, so some of its changes may be in place. " + partial;
        };
    }

    private static String next(BlockRun.Cause cause, String goOn) {
        return switch (cause) {
            case STOPPED -> "It was stopped as asked; run migrun up to " + goOn + ".";
            case CONNECTION_LOST -> BlockRun.CONNECTION_LOST + "When it is back, run migrun up to " + goOn + ".";
            case LOCK_TIMEOUT -> BlockRun.LOCK_TIMEOUT + "run migrun up to " + goOn + " once those sessions have ended.";
            case FAILED -> "Fix the script and run migrun up again.";
        };
    }

    @Override
    public String committed(String what) {
        return "V" + v + " (" + name + ") committed, but the connection failed as it did: "
                + what + "\nIt is recorded as applied. Run migrun status to check, then migrun up to go on.";
    }
}
