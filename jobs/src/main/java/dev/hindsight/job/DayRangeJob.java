package dev.hindsight.job;

import dev.hindsight.error.Checks;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.LateData;
import dev.hindsight.lake.RunLog;
import java.time.LocalDate;
import java.util.List;

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
  /** The days before {@link #from} whose input changed since they were done ({@link #lateDays}); set by execute. */
  protected List<LocalDate> late = List.of();
  /** The days before {@link #from} the run redid: the first late day through the day before from. */
  protected List<LocalDate> restated = List.of();

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

  /**
   * Writes the range into {@link #table()}, starting earlier when {@link #lateDays} names days before it, and
   * records the rows, the restated days and the table's new version on the run.
   */
  @Override
  public final R execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException(getClass().getSimpleName() + " " + run.runId()
          + " was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    run.dates(from, to);
    late = List.copyOf(lateDays(lake));
    LocalDate start = late.isEmpty() ? from : late.get(0);
    restated = LateData.through(start, from);
    run.restated(restated);
    long rows = write(start, to);
    long version = lake.version(table());
    run.wrote(table(), rows).version(table(), version);
    return result(rows, version);
  }

  /**
   * The days before {@link #from}, in date order, whose input changed after they were done: the run redoes the
   * first of them through {@link #to}. None by default.
   */
  protected List<LocalDate> lateDays(Lake lake) {
    return List.of();
  }

  /** The table the job writes. */
  protected abstract String table();

  /** Writes the days {@code from..to} of {@link #table()}; returns the rows the result reports. */
  protected abstract long write(LocalDate from, LocalDate to);

  /** The job's result, given the rows {@link #write} returned and the table's version after it. */
  protected abstract R result(long rows, long version);
}
