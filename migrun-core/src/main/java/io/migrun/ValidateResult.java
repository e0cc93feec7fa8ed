package io.migrun;

/**
 * A successful validation: the folder and the log agree.
 *
 * @param scripts the number of migration files checked
 * @param applied the number of applied migrations whose checksums matched
 * @param pending the number of migrations still to apply
 */
public record ValidateResult(int scripts, int applied, int pending) {
}
