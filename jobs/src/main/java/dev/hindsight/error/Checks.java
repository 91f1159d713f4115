package dev.hindsight.error;

import java.time.LocalDate;

/** Argument checks the jobs share, each failing with a {@link UsageException} before any Spark work. */
public final class Checks {
  private Checks() {}

  /** An inclusive day range: both ends given, {@code from} not after {@code to}. */
  public static void range(String doing, LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      throw Errors.usage("Cannot " + doing + ": --from and --to are required");
    }
    if (from.isAfter(to)) {
      throw Errors.usage("Cannot " + doing + ": --from " + from + " is after --to " + to);
    }
  }
}
