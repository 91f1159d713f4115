package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** A required inclusive date range. */
public class DateOptions {
  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day (UTC)")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day (UTC, inclusive)")
  LocalDate to;

  void check() {
    if (from.isAfter(to)) {
      throw Errors.usage("--from " + from + " is after --to " + to);
    }
  }
}
