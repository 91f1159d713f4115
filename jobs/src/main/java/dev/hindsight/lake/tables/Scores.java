package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the scores table, typed: its columns are those of {@code schemas/scores.json}, in that order
 * (TablesTest fails the build when they are not).
 */
public final class Scores extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "scores";

  public static final String EVENT_DATE = "event_date";
  public static final String CREDENTIAL_ID = "credential_id";
  public static final String REGION = "region";
  public static final String SOURCE = "source";
  public static final String ACCOUNT_ID = "account_id";
  public static final String CREDENTIAL_TYPE = "credential_type";
  public static final String PRINCIPAL = "principal";
  public static final String SCORE = "score";
  public static final String COLD_START = "cold_start";
  public static final String SIGNALS = "signals";
  public static final String SKIPPED = "skipped";
  public static final String EVENTS = "events";
  public static final String EVIDENCE_EVENT_IDS = "evidence_event_ids";
  public static final String CONFIG_VERSION = "config_version";
  public static final String RUN_ID = "run_id";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(EVENT_DATE, CREDENTIAL_ID, REGION, SOURCE, ACCOUNT_ID,
      CREDENTIAL_TYPE, PRINCIPAL, SCORE, COLD_START, SIGNALS, SKIPPED, EVENTS, EVIDENCE_EVENT_IDS, CONFIG_VERSION,
      RUN_ID);

  private static final int EVENT_DATE_ = 0;
  private static final int CREDENTIAL_ID_ = 1;
  private static final int REGION_ = 2;
  private static final int SOURCE_ = 3;
  private static final int ACCOUNT_ID_ = 4;
  private static final int CREDENTIAL_TYPE_ = 5;
  private static final int PRINCIPAL_ = 6;
  private static final int SCORE_ = 7;
  private static final int COLD_START_ = 8;
  private static final int SIGNALS_ = 9;
  private static final int SKIPPED_ = 10;
  private static final int EVENTS_ = 11;
  private static final int EVIDENCE_EVENT_IDS_ = 12;
  private static final int CONFIG_VERSION_ = 13;
  private static final int RUN_ID_ = 14;

  public Scores() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/scores.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/scores.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Scores fromRow(Row r) {
    Scores t = new Scores();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public LocalDate eventDate() {
    return (LocalDate) get(EVENT_DATE_);
  }

  public Scores eventDate(LocalDate v) {
    set(EVENT_DATE_, v);
    return this;
  }

  public String credentialId() {
    return (String) get(CREDENTIAL_ID_);
  }

  public Scores credentialId(String v) {
    set(CREDENTIAL_ID_, v);
    return this;
  }

  public String region() {
    return (String) get(REGION_);
  }

  public Scores region(String v) {
    set(REGION_, v);
    return this;
  }

  public String source() {
    return (String) get(SOURCE_);
  }

  public Scores source(String v) {
    set(SOURCE_, v);
    return this;
  }

  public String accountId() {
    return (String) get(ACCOUNT_ID_);
  }

  public Scores accountId(String v) {
    set(ACCOUNT_ID_, v);
    return this;
  }

  public String credentialType() {
    return (String) get(CREDENTIAL_TYPE_);
  }

  public Scores credentialType(String v) {
    set(CREDENTIAL_TYPE_, v);
    return this;
  }

  public String principal() {
    return (String) get(PRINCIPAL_);
  }

  public Scores principal(String v) {
    set(PRINCIPAL_, v);
    return this;
  }

  public double score() {
    return getDouble(SCORE_);
  }

  public Scores score(double v) {
    set(SCORE_, v);
    return this;
  }

  public boolean coldStart() {
    return getBoolean(COLD_START_);
  }

  public Scores coldStart(boolean v) {
    set(COLD_START_, v);
    return this;
  }

  public List<Row> signals() {
    return getList(SIGNALS_);
  }

  public Scores signals(List<Row> v) {
    set(SIGNALS_, v);
    return this;
  }

  public List<String> skipped() {
    return getList(SKIPPED_);
  }

  public Scores skipped(List<String> v) {
    set(SKIPPED_, v);
    return this;
  }

  public long events() {
    return getLong(EVENTS_);
  }

  public Scores events(long v) {
    set(EVENTS_, v);
    return this;
  }

  public List<String> evidenceEventIds() {
    return getList(EVIDENCE_EVENT_IDS_);
  }

  public Scores evidenceEventIds(List<String> v) {
    set(EVIDENCE_EVENT_IDS_, v);
    return this;
  }

  public String configVersion() {
    return (String) get(CONFIG_VERSION_);
  }

  public Scores configVersion(String v) {
    set(CONFIG_VERSION_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Scores runId(String v) {
    set(RUN_ID_, v);
    return this;
  }

}
