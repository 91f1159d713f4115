package dev.hindsight.cli;

import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a job so that its run is recorded in the runs table whatever the outcome. */
final class Jobs {
  private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

  private Jobs() {}

  static <T> T run(Lake lake, RunLog run, Supplier<T> job) {
    try {
      T result = job.get();
      if ("running".equals(run.status())) {
        run.succeeded();
      }
      return result;
    } catch (RuntimeException e) {
      run.failed(e);
      throw e;
    } finally {
      try {
        run.record(lake);
      } catch (RuntimeException e) {
        LOG.error("Could not record run {} in the runs table: {}", run.runId(), e.getMessage());
      }
    }
  }
}
