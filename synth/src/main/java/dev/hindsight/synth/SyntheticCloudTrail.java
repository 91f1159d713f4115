package dev.hindsight.synth;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates months of synthetic AWS CloudTrail logs laid out exactly as CloudTrail delivers them to S3
 * ({@code AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz}, digests under
 * {@code CloudTrail-Digest}), with realistic everyday traffic, about 4% redelivered records, labelled
 * incidents and benign look-alikes, and {@code labels.json} naming the event ids of each.
 *
 * <p>Deterministic: the same {@link Options} give byte-identical files. Nothing reads the wall clock.
 */
public final class SyntheticCloudTrail {
  /** Largest supported period, about ten years. */
  static final int MAX_DAYS = 3660;
  static final int MIN_EVENTS_PER_DAY = 100;
  static final int MAX_EVENTS_PER_DAY = 1_000_000;

  /**
   * What to generate.
   *
   * @param out directory to write into; {@code out/AWSLogs} must not exist yet
   * @param start first UTC day
   * @param days number of days (incidents need at least 30; the dormant-credential incident about 52)
   * @param seed everything random derives from it
   * @param eventsPerDay approximate mean records per day, redeliveries included
   * @param digests also write CloudTrail digest files
   */
  public record Options(Path out, LocalDate start, int days, long seed, int eventsPerDay, boolean digests) {
    public Options {
      if (out == null) {
        throw new IllegalArgumentException("Cannot generate: out (the output directory) must be set");
      }
      if (start == null) {
        throw new IllegalArgumentException("Cannot generate: start (the first day) must be set");
      }
      if (days < 1) {
        throw new IllegalArgumentException("Cannot generate: days must be >= 1 (got " + days + ")");
      }
      if (days > MAX_DAYS) {
        throw new IllegalArgumentException("Cannot generate: days must be <= " + MAX_DAYS + " (got " + days + ")");
      }
      if (eventsPerDay < MIN_EVENTS_PER_DAY) {
        throw new IllegalArgumentException("Cannot generate: eventsPerDay must be >= " + MIN_EVENTS_PER_DAY
            + " (got " + eventsPerDay + ")");
      }
      if (eventsPerDay > MAX_EVENTS_PER_DAY) {
        throw new IllegalArgumentException("Cannot generate: eventsPerDay must be <= " + MAX_EVENTS_PER_DAY
            + " (got " + eventsPerDay + ")");
      }
    }

    /** 90 days from 2026-01-01, seed 42, about 2000 records a day, with digests. */
    public static Options defaults(Path out) {
      return new Options(out, LocalDate.of(2026, 1, 1), 90, 42L, 2000, true);
    }
  }

  /**
   * What was written.
   *
   * @param files log files written (digest files not counted)
   * @param records records in those files, redeliveries included
   * @param distinctEvents distinct eventIDs
   * @param duplicateRecords records - distinctEvents
   * @param incidents malicious labels in labels.json
   * @param confounders benign labels in labels.json
   * @param labels path of labels.json
   */
  public record Result(int files, long records, long distinctEvents, long duplicateRecords, int incidents,
      int confounders, Path labels) {}

  private final Options options;

  public SyntheticCloudTrail(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public Result generate() throws IOException {
    Options o = options;
    Path logs = o.out().resolve("AWSLogs");
    if (Files.exists(logs)) {
      throw new FileAlreadyExistsException(logs.toString(), null,
          "Cannot generate: " + logs + " already exists; choose an empty output directory");
    }
    Files.createDirectories(o.out());
    World world = new World(o.seed());
    Background background = new Background(world, o.seed(), o.start(), o.eventsPerDay());
    Scenarios scenarios = new Scenarios(world, o.seed(), o.start(), o.days());
    scenarios.plan();
    Delivery delivery;
    // One thread generates day d+1 while the delivery writes day d. Generation state (labels, caches) is
    // only ever touched by that one thread; Future.get() hands each day's events over safely.
    ExecutorService generator = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "synth-generator");
      t.setDaemon(true);
      return t;
    });
    try (Delivery dl = new Delivery(o.out(), o.seed(), o.start(), o.days(), o.eventsPerDay(), o.digests(),
        world.trailBucket)) {
      delivery = dl;
      Future<List<Event>> next = generator.submit(() -> dayEvents(background, scenarios, 0));
      for (int d = 0; d < o.days(); d++) {
        List<Event> events = await(next);
        int following = d + 1;
        if (following < o.days()) {
          next = generator.submit(() -> dayEvents(background, scenarios, following));
        }
        dl.day(d, events);
      }
    } finally {
      generator.shutdownNow();
    }
    Path labels = o.out().resolve("labels.json");
    writeLabels(labels, scenarios);
    return new Result(delivery.files, delivery.records, delivery.distinct, delivery.duplicates,
        scenarios.incidents.size(), scenarios.confounders.size(), labels);
  }

  private static List<Event> dayEvents(Background background, Scenarios scenarios, int d) {
    List<Event> events = background.day(d);
    events.addAll(scenarios.eventsFor(d));
    return events;
  }

  private static List<Event> await(Future<List<Event>> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating events", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("generating events failed", e.getCause());
    }
  }

  private void writeLabels(Path path, Scenarios scenarios) throws IOException {
    Label.writeFile(path, options.seed(), options.start(), options.days(), options.eventsPerDay(),
        scenarios.incidents, scenarios.confounders);
  }
}
