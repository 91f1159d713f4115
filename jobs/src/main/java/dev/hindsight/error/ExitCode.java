package dev.hindsight.error;

/**
 * The exit codes of every hindsight command, chosen only here: 0 success; 1 the job failed (a
 * {@link JobFailedException} or {@link LakeStateException}, or a bug); 2 bad usage (a {@link UsageException} or
 * a command line picocli could not parse).
 */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private ExitCode() {}

  /** The exit code for a failure that reached the command line: the project's own errors say theirs; any other is a bug. */
  public static int of(Throwable failure) {
    HindsightException e = Errors.find(failure);
    return e != null ? e.exitCode() : FAILED;
  }
}
