package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the suppressions table, typed: its columns are those of {@code schemas/suppressions.json}, in that order
 * (TablesTest fails the build when they are not). Written by bin/gen-table-row.
 */
public final class Suppressions extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "suppressions";

  public static final String SUPPRESSION_ID = "suppression_id";
  public static final String DETECTOR = "detector";
  public static final String CREDENTIAL_ID = "credential_id";
  public static final String REASON = "reason";
  public static final String EXPIRES = "expires";
  public static final String FINDING_ID = "finding_id";
  public static final String CREATED_BY = "created_by";
  public static final String CREATED_AT = "created_at";
  public static final String RUN_ID = "run_id";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(SUPPRESSION_ID, DETECTOR, CREDENTIAL_ID, REASON, EXPIRES,
      FINDING_ID, CREATED_BY, CREATED_AT, RUN_ID);

  private static final int SUPPRESSION_ID_ = 0;
  private static final int DETECTOR_ = 1;
  private static final int CREDENTIAL_ID_ = 2;
  private static final int REASON_ = 3;
  private static final int EXPIRES_ = 4;
  private static final int FINDING_ID_ = 5;
  private static final int CREATED_BY_ = 6;
  private static final int CREATED_AT_ = 7;
  private static final int RUN_ID_ = 8;

  public Suppressions() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/suppressions.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/suppressions.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Suppressions fromRow(Row r) {
    Suppressions t = new Suppressions();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String suppressionId() {
    return (String) get(SUPPRESSION_ID_);
  }

  public Suppressions suppressionId(String v) {
    set(SUPPRESSION_ID_, v);
    return this;
  }

  public String detector() {
    return (String) get(DETECTOR_);
  }

  public Suppressions detector(String v) {
    set(DETECTOR_, v);
    return this;
  }

  public String credentialId() {
    return (String) get(CREDENTIAL_ID_);
  }

  public Suppressions credentialId(String v) {
    set(CREDENTIAL_ID_, v);
    return this;
  }

  public String reason() {
    return (String) get(REASON_);
  }

  public Suppressions reason(String v) {
    set(REASON_, v);
    return this;
  }

  public LocalDate expires() {
    return (LocalDate) get(EXPIRES_);
  }

  public Suppressions expires(LocalDate v) {
    set(EXPIRES_, v);
    return this;
  }

  public String findingId() {
    return (String) get(FINDING_ID_);
  }

  public Suppressions findingId(String v) {
    set(FINDING_ID_, v);
    return this;
  }

  public String createdBy() {
    return (String) get(CREATED_BY_);
  }

  public Suppressions createdBy(String v) {
    set(CREATED_BY_, v);
    return this;
  }

  public Instant createdAt() {
    return (Instant) get(CREATED_AT_);
  }

  public Suppressions createdAt(Instant v) {
    set(CREATED_AT_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Suppressions runId(String v) {
    set(RUN_ID_, v);
    return this;
  }
}
