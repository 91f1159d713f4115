package dev.hindsight.job;

/**
 * A job made of other jobs (the nightly chain, a backfill): it is not recorded itself; each step it hands to
 * {@link JobRunner#run(Job)} is recorded as its own run, so the runs table says which step did what.
 *
 * @param <R> what the whole composition returns
 */
public interface ComposedJob<R> {

  /** Runs the steps through {@code runner}, in order; the first step that fails ends the composition. */
  R execute(JobRunner runner);
}
