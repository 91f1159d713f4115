package dev.hindsight.job;

import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on one lake the one way every caller shares (CLI, DAG, notebooks, tests): a Spark job group per run,
 * a {@code runs} row whatever the outcome (status, timing, counts, the failure's message), and the listeners told
 * of each finished run. A failure is rethrown as it was; {@link dev.hindsight.error.ExitCode#of} turns it into an exit code.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final Lake lake;
  private final List<String> arguments;
  private final String master;
  private final List<Consumer<Job<?>>> starting = new ArrayList<>();
  private final List<BiConsumer<Job<?>, Job.Result>> listeners = new ArrayList<>();

  /**
   * @param lake where the jobs read and write, and where runs are recorded
   * @param arguments the command line, stored (secrets masked) in each run's row
   * @param master the Spark master, stored in each run's row
   */
  public JobRunner(Lake lake, List<String> arguments, String master) {
    if (lake == null) {
      throw new IllegalArgumentException("Cannot build a job runner: the lake is required");
    }
    this.lake = lake;
    this.arguments = List.copyOf(arguments == null ? List.of() : arguments);
    this.master = master == null ? "unknown" : master;
  }

  public Lake lake() {
    return lake;
  }

  /** Calls {@code listener} before every run starts, in order (progress: which step runs now). */
  public JobRunner onStarted(Consumer<Job<?>> listener) {
    starting.add(listener);
    return this;
  }

  /** Calls {@code listener} after every run that finished (not after a failed one), in order. */
  public JobRunner onFinished(BiConsumer<Job<?>, Job.Result> listener) {
    listeners.add(listener);
    return this;
  }

  /** Runs one job as one recorded run. */
  public <R extends Job.Result> R run(Job<R> job) {
    for (Consumer<Job<?>> l : starting) {
      l.accept(job);
    }
    RunLog run = new RunLog(job.command(), arguments, master);
    SparkContext sc = lake.spark().sparkContext();
    sc.setJobGroup("hindsight-" + job.command() + "-" + run.runId(), "hindsight " + job.description(), false);
    long t0 = System.nanoTime();
    R result;
    try {
      result = job.execute(new JobContext(lake, run, this));
      if ("running".equals(run.status())) {
        run.succeeded();
      }
    } catch (RuntimeException e) {
      run.failed(e);
      throw e;
    } finally {
      try {
        run.record(lake);
      } catch (RuntimeException e) {
        LOG.error("Could not record run {} in the runs table: {}", run.runId(), e.getMessage());
      }
      sc.clearJobGroup();
      LOG.info("{} {} {} in {}", job.command(), run.runId(), run.status(),
          String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9));
    }
    for (BiConsumer<Job<?>, Job.Result> l : listeners) {
      l.accept(job, result);
    }
    return result;
  }

  /** Runs a composed job: its steps are recorded one by one through {@link #run(Job)}. */
  public <R> R run(ComposedJob<R> job) {
    return job.execute(this);
  }
}
