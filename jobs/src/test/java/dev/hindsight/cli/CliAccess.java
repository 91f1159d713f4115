package dev.hindsight.cli;

import dev.hindsight.lake.Lake;
import dev.hindsight.publish.Evaluation;
import java.time.LocalDate;
import java.util.List;

/** Lets tests in other packages reach package-private CLI helpers. */
public final class CliAccess {
  private CliAccess() {}

  public static Evaluation.Result evaluate(Lake lake, LocalDate from, LocalDate to, List<Evaluation.Label> labels,
      int top) {
    return EvaluateCommand.evaluate(lake, from, to, labels, top);
  }
}
