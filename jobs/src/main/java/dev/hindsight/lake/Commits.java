package dev.hindsight.lake;

import dev.hindsight.error.Errors;
import java.util.ConcurrentModificationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta commits that a concurrent writer may beat: Delta's optimistic concurrency rejects a commit whose reads a
 * concurrent commit changed (two ingests adding files to the same {@code event_date} partitions,
 * {@code DELTA_CONCURRENT_APPEND}). Every hindsight write is idempotent by construction (a MERGE on the table's
 * key, an overwrite of exactly a range of days), so the answer is to run the whole write again against the new
 * table version: a MERGE that runs again sees what the other writer committed and inserts nothing twice.
 */
public final class Commits {
  private static final Logger LOG = LoggerFactory.getLogger(Commits.class);
  /** Attempts before giving up: enough for a DAG's parallel ingests (one per source) on one lake. */
  static final int ATTEMPTS = 10;
  private static final long FIRST_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 15_000;

  private Commits() {}

  /**
   * Runs {@code write} (which commits once), and again after a conflicting concurrent commit, with exponential
   * back-off and jitter. {@code write} must be idempotent.
   *
   * @param what for messages: "merge events", "write scores"
   */
  public static <T> T retrying(String what, Supplier<T> write) {
    return retrying(what, write, ATTEMPTS, FIRST_BACKOFF_MILLIS);
  }

  static <T> T retrying(String what, Supplier<T> write, int attempts, long firstBackoffMillis) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (RuntimeException e) {
        ConcurrentModificationException conflict = conflict(e);
        if (conflict == null) {
          throw e;
        }
        if (attempt >= attempts) {
          throw Errors.jobFailed("Cannot " + what + ": " + attempts + " attempts in a row lost to concurrent commits"
              + " to the same table (" + conflict.getClass().getSimpleName() + "); another run is writing the same"
              + " days: let it finish, then run this again", e);
        }
        long backoff = Math.min(MAX_BACKOFF_MILLIS, firstBackoffMillis << (attempt - 1));
        long sleep = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        LOG.info("{}: a concurrent commit conflicted ({}); attempt {} of {} in {} ms", what,
            conflict.getClass().getSimpleName(), attempt + 1, attempts, sleep);
        sleepQuietly(sleep);
      }
    }
  }

  /** The Delta concurrency conflict behind {@code t} (all of them are ConcurrentModificationExceptions), or null. */
  static ConcurrentModificationException conflict(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConcurrentModificationException cme) {
        return cme;
      }
    }
    return null;
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to retry a Delta commit", e);
    }
  }
}
