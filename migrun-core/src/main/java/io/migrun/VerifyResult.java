package io.migrun;

import java.util.List;

/**
 * What {@code migrun verify} found.
 *
 * @param migrations each applied migration with a {@code verify} block, in version order
 */
public record VerifyResult(List<Migration> migrations) {

    public VerifyResult {
        migrations = List.copyOf(migrations);
    }

    /** True when every expectation of every migration held and no verify block threw. */
    public boolean passed() {
        return migrations.stream().allMatch(m -> m.failed().isEmpty() && m.error() == null);
    }

    /**
     * One migration's verify block.
     *
     * @param passed the expectations that held
     * @param failed the expectations that did not, each with the counts it was judged on
     * @param error  why the block threw instead of returning, or null
     */
    public record Migration(String version, String description, List<String> passed, List<String> failed, String error) {

        public Migration {
            passed = List.copyOf(passed);
            failed = List.copyOf(failed);
        }
    }
}
