package dev.hindsight.job;

import java.util.Map;

/**
 * One hindsight job: options validated when the job is built (a {@link dev.hindsight.error.UsageException} before any Spark work),
 * one {@link #execute} made of small named steps, an immutable {@link Result}. Jobs never record their own run
 * and never choose an exit code: {@link JobRunner} does both, the same way for the CLI, the DAG (through the
 * CLI), notebooks and tests.
 *
 * @param <R> what a run of the job returns
 */
public interface Job<R extends Job.Result> {

  /** The name recorded in {@code runs.command} (ingest, score, publish, sample, report). */
  String command();

  /** One line for the Spark UI's job group, e.g. "ingest cloudtrail 2026-03-01..2026-03-31". */
  default String description() {
    return command();
  }

  /**
   * Runs the job in {@code ctx}: reads and writes {@code ctx.lake()}, and says what it did on {@code ctx.run()}
   * (dates, rows read and written, table versions, noop). Throws a {@link dev.hindsight.error.HindsightException} for a failure the
   * user can act on; anything else is a bug.
   */
  R execute(JobContext ctx);

  /** What a run did: immutable, with the counts a caller prints or asserts on. */
  interface Result {
    /** The run's id in the runs table. */
    String runId();

    /** succeeded, noop (nothing to do) or another status the job set. */
    String status();

    /** The result as ordered name -> value pairs for printing (the CLI's summary block). */
    Map<String, Object> summary();
  }
}
