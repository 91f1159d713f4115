package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the triage table, typed: its columns are those of {@code schemas/triage.json}, in that order
 * (TablesTest fails the build when they are not). Written by bin/gen-table-row.
 */
public final class Triage extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "triage";

  public static final String TRIAGE_ID = "triage_id";
  public static final String FINDING_ID = "finding_id";
  public static final String STATUS = "status";
  public static final String NOTE = "note";
  public static final String CHANGED_BY = "changed_by";
  public static final String CHANGED_AT = "changed_at";
  public static final String FINDING_SCORE = "finding_score";
  public static final String FINDING_LAST_SEEN = "finding_last_seen";
  public static final String FINDING_DAYS = "finding_days";
  public static final String SUPPRESSION_ID = "suppression_id";
  public static final String RUN_ID = "run_id";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(TRIAGE_ID, FINDING_ID, STATUS, NOTE, CHANGED_BY, CHANGED_AT,
      FINDING_SCORE, FINDING_LAST_SEEN, FINDING_DAYS, SUPPRESSION_ID, RUN_ID);

  private static final int TRIAGE_ID_ = 0;
  private static final int FINDING_ID_ = 1;
  private static final int STATUS_ = 2;
  private static final int NOTE_ = 3;
  private static final int CHANGED_BY_ = 4;
  private static final int CHANGED_AT_ = 5;
  private static final int FINDING_SCORE_ = 6;
  private static final int FINDING_LAST_SEEN_ = 7;
  private static final int FINDING_DAYS_ = 8;
  private static final int SUPPRESSION_ID_ = 9;
  private static final int RUN_ID_ = 10;

  public Triage() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/triage.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/triage.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Triage fromRow(Row r) {
    Triage t = new Triage();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String triageId() {
    return (String) get(TRIAGE_ID_);
  }

  public Triage triageId(String v) {
    set(TRIAGE_ID_, v);
    return this;
  }

  public String findingId() {
    return (String) get(FINDING_ID_);
  }

  public Triage findingId(String v) {
    set(FINDING_ID_, v);
    return this;
  }

  public String status() {
    return (String) get(STATUS_);
  }

  public Triage status(String v) {
    set(STATUS_, v);
    return this;
  }

  public String note() {
    return (String) get(NOTE_);
  }

  public Triage note(String v) {
    set(NOTE_, v);
    return this;
  }

  public String changedBy() {
    return (String) get(CHANGED_BY_);
  }

  public Triage changedBy(String v) {
    set(CHANGED_BY_, v);
    return this;
  }

  public Instant changedAt() {
    return (Instant) get(CHANGED_AT_);
  }

  public Triage changedAt(Instant v) {
    set(CHANGED_AT_, v);
    return this;
  }

  public double findingScore() {
    return getDouble(FINDING_SCORE_);
  }

  public Triage findingScore(double v) {
    set(FINDING_SCORE_, v);
    return this;
  }

  public LocalDate findingLastSeen() {
    return (LocalDate) get(FINDING_LAST_SEEN_);
  }

  public Triage findingLastSeen(LocalDate v) {
    set(FINDING_LAST_SEEN_, v);
    return this;
  }

  public int findingDays() {
    return getInt(FINDING_DAYS_);
  }

  public Triage findingDays(int v) {
    set(FINDING_DAYS_, v);
    return this;
  }

  public String suppressionId() {
    return (String) get(SUPPRESSION_ID_);
  }

  public Triage suppressionId(String v) {
    set(SUPPRESSION_ID_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Triage runId(String v) {
    set(RUN_ID_, v);
    return this;
  }
}
