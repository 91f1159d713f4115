package dev.hindsight.job;

import dev.hindsight.error.Checks;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import java.time.LocalDate;

/**
 * A job that rewrites one table for an inclusive range of days (features, scores, findings): the steps every
 * such job shares are here, so a subclass only says which table, how to write it, and what its result is.
 *
 * @param <R> the job's result
 */
public abstract class DayRangeJob<R extends Job.Result> implements Job<R> {
  /** First day of the range. */
  protected final LocalDate from;
  /** Last day of the range (inclusive). */
  protected final LocalDate to;
  /** The lake the job runs in; set by {@link #execute}. */
  protected Lake lake;
  /** The job's run; set by {@link #execute}. */
  protected RunLog run;

  /** @param doing what the job does, for the message of a bad range ("Cannot score: --from ... is after --to ...") */
  protected DayRangeJob(String doing, LocalDate from, LocalDate to) {
    Checks.range(doing, from, to);
    this.from = from;
    this.to = to;
  }

  @Override
  public String description() {
    return command() + " " + from + ".." + to;
  }

  /** Writes the range into {@link #table()}, records the rows and the table's new version on the run. */
  @Override
  public final R execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException(getClass().getSimpleName() + " " + run.runId()
          + " was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    run.dates(from, to);
    long rows = write(from, to);
    long version = lake.version(table());
    run.wrote(table(), rows).version(table(), version);
    return result(rows, version);
  }

  /** The table the job writes. */
  protected abstract String table();

  /** Writes the days {@code from..to} of {@link #table()}; returns the rows the result reports. */
  protected abstract long write(LocalDate from, LocalDate to);

  /** The job's result, given the rows {@link #write} returned and the table's version after it. */
  protected abstract R result(long rows, long version);
}
