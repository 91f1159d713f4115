package dev.hindsight.error;

/**
 * A job ran and failed for a reason in its input or environment the user can act on (input missing, too much
 * bad input, a sample that does not verify): exit 1 with this message, and the run is recorded as failed.
 */
public final class JobFailedException extends HindsightException {
  JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return ExitCode.FAILED;
  }

  @Override
  public String kind() {
    return "job_failed";
  }
}
