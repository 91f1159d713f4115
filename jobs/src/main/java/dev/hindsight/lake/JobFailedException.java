package dev.hindsight.lake;

/** A job ran and failed for a reason the user can act on; the CLI exits 1 with this message. */
public class JobFailedException extends RuntimeException {
  public JobFailedException(String message) {
    super(message);
  }

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
