package dev.hindsight.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.error.JobFailedException;
import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitsTest {
  /** What Delta throws when a concurrent commit wins (its conflicts are all ConcurrentModificationExceptions). */
  static final class Conflict extends ConcurrentModificationException {
    Conflict() {
      super("[DELTA_CONCURRENT_APPEND] Files were added to partition [event_date=2026-03-01] by a concurrent update");
    }
  }

  @Test
  void aConflictingCommitIsWrittenAgainUntilItGoesThrough() {
    AtomicInteger calls = new AtomicInteger();
    String r = Commits.retrying("merge events", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new IllegalStateException("wrapped by Spark", new Conflict());
      }
      return "committed";
    }, 5, 1);
    assertThat(r).isEqualTo("committed");
    assertThat(calls).hasValue(3);
  }

  @Test
  void anotherFailureIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Commits.retrying("merge events", () -> {
      calls.incrementAndGet();
      throw new IllegalArgumentException("a bug");
    }, 5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessage("a bug");
    assertThat(calls).hasValue(1);
  }

  @Test
  void tooManyConflictsFailTheJobSayingWhatToDo() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Commits.retrying("merge events", () -> {
      calls.incrementAndGet();
      throw new Conflict();
    }, 4, 1)).isInstanceOf(JobFailedException.class)
        .hasMessage("Cannot merge events: 4 attempts in a row lost to concurrent commits to the same table"
            + " (Conflict); another run is writing the same days: let it finish, then run this again")
        .hasCauseInstanceOf(Conflict.class);
    assertThat(calls).hasValue(4);
  }
}
