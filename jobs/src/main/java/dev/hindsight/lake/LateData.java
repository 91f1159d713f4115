package dev.hindsight.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Errors;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.lake.tables.Runs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Late data: which days before a run's range must be redone because their input changed after they were last
 * done. Audit logs arrive late (a file delivered into the folder of a day already ingested; events of day D-1 in
 * day D's files), so a nightly run of D looks back a bounded number of days, each step at its own input:
 * <ul>
 *   <li><b>ingest</b> re-lists the days that an earlier ingest of the same source covered: their late files are
 *       read, the ledger skips the rest. Days no ingest covered yet belong to their own run (a catch-up still under
 *       way) and are not listed.</li>
 *   <li><b>score</b> re-scores a day that was scored and then received events (events.ingest_run_id) from an
 *       ingest run that ended after that scoring started.</li>
 *   <li><b>publish</b> re-publishes a day that was published and then re-scored by a score run that ended after
 *       that publish started.</li>
 * </ul>
 * Everything is read from the lake's own records ({@code runs}, {@code events}), so separate processes (the
 * DAG's one spark-submit per step) agree. A run "covers" its [date_from, date_to] and its restated_dates. The
 * comparison is of recorded times, and it leans to redoing: an ingest that overlapped a scoring counts as late,
 * so a day can be redone for nothing but is never missed. Redoing is safe because every step is idempotent for
 * its days; a day redone changes the days after it only through their baselines, which must see it whole.
 */
public final class LateData {
  /** How many days before the range each step looks back by default. */
  public static final int DEFAULT_DAYS = 7;
  /** The most a run may look back: scoring a late day rescores everything after it. */
  public static final int MAX_DAYS = 90;

  private LateData() {}

  /** Refuses a look-back outside 0..{@link #MAX_DAYS} (exit 2). */
  public static int checkDays(String option, int days) {
    if (days < 0 || days > MAX_DAYS) {
      throw Errors.outOfRange(option, "within 0.." + MAX_DAYS, days);
    }
    return days;
  }

  /** One run, as far as late data is concerned. */
  record Run(String id, String command, String source, String status, Instant started, Instant ended,
      LocalDate from, LocalDate to, List<LocalDate> restated) {
    static Run of(Row row) {
      Runs r = Runs.fromRow(row);
      return new Run(r.runId(), r.command(), r.source(), r.status(), r.startedAt(), r.endedAt(), r.dateFrom(),
          r.dateTo(), r.restatedDates() == null ? List.of() : r.restatedDates());
    }

    /** Whether the run did day {@code d}: in its range (an open end covers everything that way) or restated. */
    boolean covers(LocalDate d) {
      return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to)) || restated.contains(d);
    }
  }

  /**
   * The days among the {@code days} before {@code from} that an earlier ingest of {@code source} covered
   * (succeeded or found nothing new), in date order: the ones a nightly ingest re-lists for late files.
   * Runs written before runs recorded their source (version 1) count for every source.
   */
  public static List<LocalDate> ingestedBefore(Lake lake, String source, LocalDate from, int days) {
    List<LocalDate> window = window(from, days);
    if (window.isEmpty() || !lake.exists(Runs.TABLE)) {
      return List.of();
    }
    List<Run> ingests = runs(lake, "ingest", window.get(0)).stream()
        .filter(r -> r.source() == null || r.source().equals(source))
        .filter(r -> "succeeded".equals(r.status()) || "noop".equals(r.status()))
        .toList();
    return window.stream().filter(d -> ingests.stream().anyMatch(r -> r.covers(d))).toList();
  }

  /**
   * The days among the {@code days} before {@code from} that were scored and then received events from an ingest
   * run that ended after that scoring started, in date order.
   */
  public static List<LocalDate> eventsChangedSinceScored(Lake lake, LocalDate from, int days) {
    List<LocalDate> window = window(from, days);
    if (window.isEmpty() || !lake.exists(Runs.TABLE) || !lake.exists(Events.TABLE)) {
      return List.of();
    }
    Map<LocalDate, Instant> scored = lastDone(runs(lake, "score", window.get(0)), window);
    if (scored.isEmpty()) {
      return List.of();
    }
    Instant earliest = scored.values().stream().min(Instant::compareTo).orElseThrow();
    Map<String, Instant> ingestEnded = new HashMap<>();
    // Only runs that can have written events: a run that wrote none (noop, or only duplicates) says so in
    // rows_written; a failed one may have committed its events before it failed.
    for (Row row : lake.read(Runs.TABLE).where(col(Runs.COMMAND).equalTo("ingest")
        .and(col(Runs.ENDED_AT).gt(lit(earliest)))
        .and(col(Runs.STATUS).equalTo("failed")
            .or(org.apache.spark.sql.functions.coalesce(
                org.apache.spark.sql.functions.element_at(col(Runs.ROWS_WRITTEN), lit(Events.TABLE)), lit(0L))
                .gt(0))))
        .select(Runs.RUN_ID, Runs.ENDED_AT).collectAsList()) {
      ingestEnded.put(row.getString(0), row.getAs(1));
    }
    if (ingestEnded.isEmpty()) {
      return List.of();
    }
    TreeSet<LocalDate> late = new TreeSet<>();
    LocalDate first = scored.keySet().stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate last = scored.keySet().stream().max(LocalDate::compareTo).orElseThrow();
    for (Row row : lake.read(Events.TABLE)
        .where(col(Events.EVENT_DATE).between(lit(first), lit(last))
            .and(col(Events.INGEST_RUN_ID).isin(ingestEnded.keySet().toArray())))
        .select(Events.EVENT_DATE, Events.INGEST_RUN_ID).distinct().collectAsList()) {
      LocalDate d = row.getAs(0);
      Instant scoredAt = scored.get(d);
      if (scoredAt != null && ingestEnded.get(row.getString(1)).isAfter(scoredAt)) {
        late.add(d);
      }
    }
    return List.copyOf(late);
  }

  /**
   * The days among the {@code days} before {@code from} that were published and then scored again by a score run
   * that ended after that publish started, in date order.
   */
  public static List<LocalDate> scoresChangedSincePublished(Lake lake, LocalDate from, int days) {
    List<LocalDate> window = window(from, days);
    if (window.isEmpty() || !lake.exists(Runs.TABLE)) {
      return List.of();
    }
    Map<LocalDate, Instant> published = lastDone(runs(lake, "publish", window.get(0)), window);
    if (published.isEmpty()) {
      return List.of();
    }
    List<Run> scores = runs(lake, "score", window.get(0)).stream()
        .filter(r -> "succeeded".equals(r.status())).toList();
    return published.entrySet().stream()
        .filter(e -> scores.stream().anyMatch(s -> s.covers(e.getKey()) && s.ended().isAfter(e.getValue())))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Every day from {@code first} to the day before {@code from}: what a run starting at {@code first} redoes. */
  public static List<LocalDate> through(LocalDate first, LocalDate from) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = first; d.isBefore(from); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  private static List<LocalDate> window(LocalDate from, int days) {
    return from == null || days <= 0 ? List.of() : through(from.minusDays(days), from);
  }

  /** Runs of a command whose range can reach {@code since}: ranges end at or after it, or are open. */
  private static List<Run> runs(Lake lake, String command, LocalDate since) {
    return lake.read(Runs.TABLE)
        .where(col(Runs.COMMAND).equalTo(command)
            .and(col(Runs.DATE_TO).isNull().or(col(Runs.DATE_TO).geq(lit(since)))))
        .collectAsList().stream().map(Run::of).toList();
  }

  /** For each day of the window a succeeded run covered, the latest start of such a run. */
  private static Map<LocalDate, Instant> lastDone(List<Run> runs, List<LocalDate> window) {
    Map<LocalDate, Instant> done = new TreeMap<>();
    for (Run r : runs) {
      if (!"succeeded".equals(r.status())) {
        continue;
      }
      for (LocalDate d : window) {
        if (r.covers(d)) {
          done.merge(d, r.started(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    }
    return done;
  }
}
