package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the findings table, typed: its columns are those of {@code schemas/findings.json}, in that order
 * (TablesTest fails the build when they are not). Written by bin/gen-table-row.
 */
public final class Findings extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "findings";

  public static final String FINDING_ID = "finding_id";
  public static final String CREDENTIAL_ID = "credential_id";
  public static final String CREDENTIAL_TYPE = "credential_type";
  public static final String PRINCIPAL = "principal";
  public static final String ACCOUNT_ID = "account_id";
  public static final String SOURCES = "sources";
  public static final String REGIONS = "regions";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String DAYS = "days";
  public static final String SCORE = "score";
  public static final String SEVERITY = "severity";
  public static final String DETECTORS = "detectors";
  public static final String SUMMARY = "summary";
  public static final String REASONS = "reasons";
  public static final String COLD_START = "cold_start";
  public static final String EVIDENCE_EVENT_IDS = "evidence_event_ids";
  public static final String RUN_ID = "run_id";
  public static final String CONFIG_VERSION = "config_version";
  public static final String ATTACK_TECHNIQUES = "attack_techniques";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(FINDING_ID, CREDENTIAL_ID, CREDENTIAL_TYPE, PRINCIPAL, ACCOUNT_ID,
      SOURCES, REGIONS, FIRST_SEEN, LAST_SEEN, DAYS, SCORE, SEVERITY, DETECTORS, SUMMARY, REASONS, COLD_START,
      EVIDENCE_EVENT_IDS, RUN_ID, CONFIG_VERSION, ATTACK_TECHNIQUES);

  private static final int FINDING_ID_ = 0;
  private static final int CREDENTIAL_ID_ = 1;
  private static final int CREDENTIAL_TYPE_ = 2;
  private static final int PRINCIPAL_ = 3;
  private static final int ACCOUNT_ID_ = 4;
  private static final int SOURCES_ = 5;
  private static final int REGIONS_ = 6;
  private static final int FIRST_SEEN_ = 7;
  private static final int LAST_SEEN_ = 8;
  private static final int DAYS_ = 9;
  private static final int SCORE_ = 10;
  private static final int SEVERITY_ = 11;
  private static final int DETECTORS_ = 12;
  private static final int SUMMARY_ = 13;
  private static final int REASONS_ = 14;
  private static final int COLD_START_ = 15;
  private static final int EVIDENCE_EVENT_IDS_ = 16;
  private static final int RUN_ID_ = 17;
  private static final int CONFIG_VERSION_ = 18;
  private static final int ATTACK_TECHNIQUES_ = 19;

  public Findings() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/findings.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/findings.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Findings fromRow(Row r) {
    Findings t = new Findings();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String findingId() {
    return (String) get(FINDING_ID_);
  }

  public Findings findingId(String v) {
    set(FINDING_ID_, v);
    return this;
  }

  public String credentialId() {
    return (String) get(CREDENTIAL_ID_);
  }

  public Findings credentialId(String v) {
    set(CREDENTIAL_ID_, v);
    return this;
  }

  public String credentialType() {
    return (String) get(CREDENTIAL_TYPE_);
  }

  public Findings credentialType(String v) {
    set(CREDENTIAL_TYPE_, v);
    return this;
  }

  public String principal() {
    return (String) get(PRINCIPAL_);
  }

  public Findings principal(String v) {
    set(PRINCIPAL_, v);
    return this;
  }

  public String accountId() {
    return (String) get(ACCOUNT_ID_);
  }

  public Findings accountId(String v) {
    set(ACCOUNT_ID_, v);
    return this;
  }

  public List<String> sources() {
    return getList(SOURCES_);
  }

  public Findings sources(List<String> v) {
    set(SOURCES_, v);
    return this;
  }

  public List<String> regions() {
    return getList(REGIONS_);
  }

  public Findings regions(List<String> v) {
    set(REGIONS_, v);
    return this;
  }

  public LocalDate firstSeen() {
    return (LocalDate) get(FIRST_SEEN_);
  }

  public Findings firstSeen(LocalDate v) {
    set(FIRST_SEEN_, v);
    return this;
  }

  public LocalDate lastSeen() {
    return (LocalDate) get(LAST_SEEN_);
  }

  public Findings lastSeen(LocalDate v) {
    set(LAST_SEEN_, v);
    return this;
  }

  public int days() {
    return getInt(DAYS_);
  }

  public Findings days(int v) {
    set(DAYS_, v);
    return this;
  }

  public double score() {
    return getDouble(SCORE_);
  }

  public Findings score(double v) {
    set(SCORE_, v);
    return this;
  }

  public String severity() {
    return (String) get(SEVERITY_);
  }

  public Findings severity(String v) {
    set(SEVERITY_, v);
    return this;
  }

  public List<String> detectors() {
    return getList(DETECTORS_);
  }

  public Findings detectors(List<String> v) {
    set(DETECTORS_, v);
    return this;
  }

  public String summary() {
    return (String) get(SUMMARY_);
  }

  public Findings summary(String v) {
    set(SUMMARY_, v);
    return this;
  }

  public List<Row> reasons() {
    return getList(REASONS_);
  }

  public Findings reasons(List<Row> v) {
    set(REASONS_, v);
    return this;
  }

  public boolean coldStart() {
    return getBoolean(COLD_START_);
  }

  public Findings coldStart(boolean v) {
    set(COLD_START_, v);
    return this;
  }

  public List<String> evidenceEventIds() {
    return getList(EVIDENCE_EVENT_IDS_);
  }

  public Findings evidenceEventIds(List<String> v) {
    set(EVIDENCE_EVENT_IDS_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Findings runId(String v) {
    set(RUN_ID_, v);
    return this;
  }

  public String configVersion() {
    return (String) get(CONFIG_VERSION_);
  }

  public Findings configVersion(String v) {
    set(CONFIG_VERSION_, v);
    return this;
  }

  public List<String> attackTechniques() {
    return getList(ATTACK_TECHNIQUES_);
  }

  public Findings attackTechniques(List<String> v) {
    set(ATTACK_TECHNIQUES_, v);
    return this;
  }
}
