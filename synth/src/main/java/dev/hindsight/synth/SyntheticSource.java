package dev.hindsight.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A generator of one source's logs, written in the layout the vendor itself writes to storage, with labelled
 * incidents and benign look-alikes in {@code labels.json} (the format {@code Evaluation.labels} reads).
 * Deterministic: the same spec gives byte-identical files; nothing reads the wall clock.
 */
public interface SyntheticSource {
  /** The --source name of the logs it writes (what `hindsight ingest --source` reads them with). */
  String source();

  /** Writes the logs under spec.out() and spec.out()/labels.json; refuses an output that already holds logs. */
  Generated generate(Spec spec) throws IOException;

  /**
   * What to generate.
   *
   * @param out directory to write into
   * @param start first UTC day
   * @param days number of days
   * @param seed everything random derives from it
   * @param eventsPerDay approximate mean records per day (each source scales it to its own volume)
   */
  record Spec(Path out, LocalDate start, int days, long seed, int eventsPerDay) {
    public Spec {
      if (out == null || start == null) {
        throw new IllegalArgumentException("Cannot generate: out and start must be set");
      }
      if (days < 1 || days > SyntheticCloudTrail.MAX_DAYS) {
        throw new IllegalArgumentException("Cannot generate: days must be 1.." + SyntheticCloudTrail.MAX_DAYS
            + " (got " + days + ")");
      }
      if (eventsPerDay < 1) {
        throw new IllegalArgumentException("Cannot generate: eventsPerDay must be >= 1 (got " + eventsPerDay + ")");
      }
    }
  }

  /**
   * What was written.
   *
   * @param source the --source name to ingest it with
   * @param input the folder to pass to `ingest --input`
   * @param files log files written
   * @param records records in them, redeliveries included
   * @param distinctEvents distinct event ids (what ingest keeps)
   * @param duplicateRecords records - distinctEvents
   * @param incidents malicious labels
   * @param confounders benign labels
   * @param labels path of labels.json
   */
  record Generated(String source, Path input, int files, long records, long distinctEvents, long duplicateRecords,
      int incidents, int confounders, Path labels) {}
}
