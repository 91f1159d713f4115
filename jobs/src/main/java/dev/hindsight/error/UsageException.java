package dev.hindsight.error;

/**
 * The command was called wrongly (an option value out of range, an unknown source, an unreadable config file):
 * exit 2, and the CLI adds a --help hint. Nothing was run.
 */
public final class UsageException extends HindsightException {
  UsageException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return ExitCode.USAGE;
  }

  @Override
  public String kind() {
    return "usage";
  }
}
