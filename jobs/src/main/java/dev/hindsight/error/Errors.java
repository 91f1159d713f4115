package dev.hindsight.error;

/**
 * Every error a user sees is built here, so that each says what went wrong, why, and what to do, in one voice:
 * {@code "Cannot <do what>: <why>[; <what to do>]"}. Anything thrown that is not built here is a bug.
 */
public final class Errors {
  private Errors() {}

  /** A bad option or argument: exit 2. {@code message} reads "Cannot X: why" or names the option. */
  public static UsageException usage(String message) {
    return new UsageException(message, null);
  }

  public static UsageException usage(String message, Throwable cause) {
    return new UsageException(message, cause);
  }

  /** An option value out of its range: "--name must be RANGE (got VALUE)". */
  public static UsageException outOfRange(String option, String range, Object got) {
    return new UsageException(option + " must be " + range + " (got " + got + ")", null);
  }

  /** The job ran and failed for a reason the user can act on: exit 1. */
  public static JobFailedException jobFailed(String message) {
    return new JobFailedException(message, null);
  }

  public static JobFailedException jobFailed(String message, Throwable cause) {
    return new JobFailedException(message, cause);
  }

  /** The lake is not in the state the job needs: exit 1. */
  public static LakeStateException lakeState(String message) {
    return new LakeStateException(message, null);
  }

  /** A table the job reads does not exist yet; {@code remedy} names the command that creates it. */
  public static LakeStateException tableMissing(String doing, String lakeRoot, String table, String remedy) {
    return new LakeStateException("Cannot " + doing + ": the lake at " + lakeRoot + " has no " + table
        + " table yet; " + remedy, null);
  }

  /** A table written by another schema version of hindsight. */
  public static LakeStateException schemaVersion(String table, String location, String found, int expected) {
    return new LakeStateException("Cannot use table " + table + " at " + location + ": it has schema version "
        + found + " but this hindsight reads version " + expected + "; run the hindsight release that wrote it, or"
        + " point --lake at a new location", null);
  }

  /** A Delta version asked for (an auditor's pin) that the table does not have: a bad option value, exit 2. */
  public static UsageException versionMissing(String option, long version, String table, long latest) {
    return new UsageException(option + " " + version + " does not exist yet: " + table + " is at version "
        + latest, null);
  }

  /** The project's own error behind {@code t} (itself or a cause), or null when {@code t} is a bug. */
  public static HindsightException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof HindsightException h) {
        return h;
      }
    }
    return null;
  }

  /** The one line a bug prints on stderr (the stack trace goes to the log). */
  public static String bugLine(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    String cause = root == t ? "" : " (cause: " + root.getClass().getName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    return "internal error, this is a bug in hindsight: " + first + cause;
  }
}
