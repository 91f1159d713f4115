package dev.hindsight.error;

/**
 * The lake is not in a state the job can work with (a table it reads does not exist yet, a table of another
 * schema version, a Delta version that does not exist): exit 1; the message says which command or option
 * brings the lake into the needed state.
 */
public final class LakeStateException extends HindsightException {
  LakeStateException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return ExitCode.FAILED;
  }

  @Override
  public String kind() {
    return "lake_state";
  }
}
