package dev.hindsight.triage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.lake.Ids;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Triage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * After publish: a finding closed by triage (false_positive or resolved) that has grown since (a rescore raised
 * its score, or extended its episode) is reopened: a {@code reopened} row by {@code hindsight publish}, saying what
 * grew. A reopened finding is open again until someone triages it; a rerun of the same publish finds nothing new
 * to reopen (the latest row is then the reopening).
 */
public final class Reopen {
  private Reopen() {}

  public static final String BY = "hindsight publish";

  /** Reopens the grown findings overlapping from..to; returns how many. */
  public static long apply(Lake lake, String runId, LocalDate from, LocalDate to) {
    if (!lake.exists(Triage.TABLE) || !lake.exists(Findings.TABLE)) {
      return 0;
    }
    Dataset<Row> closed = TriageStatus.latest(lake)
        .where(col(Triage.STATUS).isin(TriageStatus.FALSE_POSITIVE, TriageStatus.RESOLVED));
    Dataset<Row> f = lake.read(Findings.TABLE)
        .where(col(Findings.LAST_SEEN).geq(lit(from)).and(col(Findings.FIRST_SEEN).leq(lit(to))));
    List<Row> grown = f.join(closed, Findings.FINDING_ID)
        .where(f.col(Findings.SCORE).gt(closed.col(Triage.FINDING_SCORE).plus(0.05))
            .or(f.col(Findings.LAST_SEEN).gt(closed.col(Triage.FINDING_LAST_SEEN)))
            .or(f.col(Findings.DAYS).gt(closed.col(Triage.FINDING_DAYS))))
        .select(col(Findings.FINDING_ID), f.col(Findings.SCORE), f.col(Findings.LAST_SEEN), f.col(Findings.DAYS),
            closed.col(Triage.STATUS), closed.col(Triage.FINDING_SCORE), closed.col(Triage.FINDING_LAST_SEEN),
            closed.col(Triage.FINDING_DAYS), closed.col(Triage.CHANGED_BY))
        .orderBy(Findings.FINDING_ID)
        .collectAsList();
    if (grown.isEmpty()) {
      return 0;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Row> rows = new ArrayList<>();
    for (Row r : grown) {
      double score = r.getDouble(1);
      LocalDate last = r.getAs(2);
      int days = r.getInt(3);
      List<String> why = new ArrayList<>();
      if (score > r.getDouble(5) + 0.05) {
        why.add(String.format(Locale.ROOT, "score rose from %.1f to %.1f", r.getDouble(5), score));
      }
      if (last.isAfter(r.getAs(6)) || days > r.getInt(7)) {
        why.add("episode grew from " + r.getInt(7) + " to " + days + " days (last seen " + r.getAs(6) + " -> " + last
            + ")");
      }
      String id = r.getString(0);
      rows.add(new Triage().triageId(Ids.of(24, id, now.toString(), TriageStatus.REOPENED, BY)).findingId(id)
          .status(TriageStatus.REOPENED)
          .note("reopened: was " + r.getString(4) + " by " + r.getString(8) + "; " + String.join(", ", why))
          .changedBy(BY).changedAt(now).findingScore(score).findingLastSeen(last).findingDays(days).runId(runId)
          .toRow());
    }
    TriageJob.append(lake, Triage.TABLE, rows);
    return rows.size();
  }
}
