package dev.hindsight.triage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Triage;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A finding's triage status: that of its latest row in the {@code triage} table (latest {@code changed_at},
 * then {@code triage_id}); a finding with no row is {@code open}.
 */
public final class TriageStatus {
  private TriageStatus() {}

  public static final String OPEN = "open";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String FALSE_POSITIVE = "false_positive";
  public static final String RESOLVED = "resolved";
  public static final String REOPENED = "reopened";

  /** The statuses an analyst sets. */
  public static final List<String> SETTABLE = List.of(ACKNOWLEDGED, FALSE_POSITIVE, RESOLVED);

  /** Whether a status closes the finding (a growth of its episode then reopens it). */
  public static boolean closed(String status) {
    return FALSE_POSITIVE.equals(status) || RESOLVED.equals(status);
  }

  /** The latest triage row of every finding that has one (the triage table's columns); empty when none. */
  public static Dataset<Row> latest(Lake lake) {
    Dataset<Row> t = lake.exists(Triage.TABLE) ? lake.read(Triage.TABLE)
        : lake.spark().createDataFrame(List.of(), Triage.schema());
    return t.withColumn("_rank", row_number().over(Window.partitionBy(Triage.FINDING_ID)
            .orderBy(col(Triage.CHANGED_AT).desc(), col(Triage.TRIAGE_ID).desc())))
        .where(col("_rank").equalTo(1)).drop("_rank");
  }

  /**
   * findings with the columns {@code status} (open when never triaged), {@code status_note},
   * {@code status_changed_by} and {@code status_changed_at} of their latest triage row.
   */
  public static Dataset<Row> withStatus(Lake lake, Dataset<Row> findings) {
    Dataset<Row> l = latest(lake).select(col(Triage.FINDING_ID).as("_fid"), col(Triage.STATUS).as("_status"),
        col(Triage.NOTE).as("status_note"), col(Triage.CHANGED_BY).as("status_changed_by"),
        col(Triage.CHANGED_AT).as("status_changed_at"));
    return findings.join(l, findings.col("finding_id").equalTo(l.col("_fid")), "left")
        .withColumn("status", org.apache.spark.sql.functions.coalesce(col("_status"),
            org.apache.spark.sql.functions.lit(OPEN)))
        .drop("_fid", "_status");
  }
}
