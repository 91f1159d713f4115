package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the notifications table, typed: its columns are those of {@code schemas/notifications.json}, in that order
 * (TablesTest fails the build when they are not). Written by bin/gen-table-row.
 */
public final class Notifications extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "notifications";

  public static final String NOTIFICATION_ID = "notification_id";
  public static final String FINDING_ID = "finding_id";
  public static final String KIND = "kind";
  public static final String FINDING_SCORE = "finding_score";
  public static final String TARGET = "target";
  public static final String TARGET_SHA256 = "target_sha256";
  public static final String HTTP_STATUS = "http_status";
  public static final String ATTEMPTS = "attempts";
  public static final String SENT_AT = "sent_at";
  public static final String RUN_ID = "run_id";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(NOTIFICATION_ID, FINDING_ID, KIND, FINDING_SCORE, TARGET,
      TARGET_SHA256, HTTP_STATUS, ATTEMPTS, SENT_AT, RUN_ID);

  private static final int NOTIFICATION_ID_ = 0;
  private static final int FINDING_ID_ = 1;
  private static final int KIND_ = 2;
  private static final int FINDING_SCORE_ = 3;
  private static final int TARGET_ = 4;
  private static final int TARGET_SHA256_ = 5;
  private static final int HTTP_STATUS_ = 6;
  private static final int ATTEMPTS_ = 7;
  private static final int SENT_AT_ = 8;
  private static final int RUN_ID_ = 9;

  public Notifications() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/notifications.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/notifications.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Notifications fromRow(Row r) {
    Notifications t = new Notifications();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String notificationId() {
    return (String) get(NOTIFICATION_ID_);
  }

  public Notifications notificationId(String v) {
    set(NOTIFICATION_ID_, v);
    return this;
  }

  public String findingId() {
    return (String) get(FINDING_ID_);
  }

  public Notifications findingId(String v) {
    set(FINDING_ID_, v);
    return this;
  }

  public String kind() {
    return (String) get(KIND_);
  }

  public Notifications kind(String v) {
    set(KIND_, v);
    return this;
  }

  public double findingScore() {
    return getDouble(FINDING_SCORE_);
  }

  public Notifications findingScore(double v) {
    set(FINDING_SCORE_, v);
    return this;
  }

  public String target() {
    return (String) get(TARGET_);
  }

  public Notifications target(String v) {
    set(TARGET_, v);
    return this;
  }

  public String targetSha256() {
    return (String) get(TARGET_SHA256_);
  }

  public Notifications targetSha256(String v) {
    set(TARGET_SHA256_, v);
    return this;
  }

  public int httpStatus() {
    return getInt(HTTP_STATUS_);
  }

  public Notifications httpStatus(int v) {
    set(HTTP_STATUS_, v);
    return this;
  }

  public int attempts() {
    return getInt(ATTEMPTS_);
  }

  public Notifications attempts(int v) {
    set(ATTEMPTS_, v);
    return this;
  }

  public Instant sentAt() {
    return (Instant) get(SENT_AT_);
  }

  public Notifications sentAt(Instant v) {
    set(SENT_AT_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Notifications runId(String v) {
    set(RUN_ID_, v);
    return this;
  }
}
