package dev.hindsight.job;

import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;

/**
 * What a job runs in: the lake, the record of its own run, and the runner (for a composed job's steps, each
 * of which is recorded as a run of its own).
 */
public record JobContext(Lake lake, RunLog run, JobRunner runner) {
  public JobContext {
    if (lake == null || run == null || runner == null) {
      throw new IllegalArgumentException("Cannot build a job context: lake, run and runner are required");
    }
  }
}
