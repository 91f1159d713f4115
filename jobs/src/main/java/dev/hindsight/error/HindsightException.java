package dev.hindsight.error;

/**
 * The root of the errors a user can act on. Each is built in {@link Errors}, says what went wrong, why, and
 * what to do, and carries its exit code: every other exception reaching the runner's caller is a bug.
 */
public abstract class HindsightException extends RuntimeException {
  protected HindsightException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The process exit code this error ends a command with. */
  public abstract int exitCode();

  /** A stable name for the kind of error (usage, job_failed, lake_state), for logs and tests. */
  public abstract String kind();
}
