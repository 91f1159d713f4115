package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the credentials table, typed: its columns are those of {@code schemas/credentials.json}, in that order
 * (TablesTest fails the build when they are not). Written by bin/gen-table-row.
 */
public final class Credentials extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "credentials";

  public static final String AS_OF = "as_of";
  public static final String CREDENTIAL_ID = "credential_id";
  public static final String CREDENTIAL_TYPE = "credential_type";
  public static final String LIFETIME = "lifetime";
  public static final String PRINCIPAL = "principal";
  public static final String ACCOUNT_IDS = "account_ids";
  public static final String SOURCES = "sources";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String ACTIVE_DAYS = "active_days";
  public static final String CREATED_AT = "created_at";
  public static final String CREATED_BY = "created_by";
  public static final String REGIONS = "regions";
  public static final String COUNTRIES = "countries";
  public static final String ASNS = "asns";
  public static final String LLM_ACCESS = "llm_access";
  public static final String MODEL_INVOCATIONS = "model_invocations";
  public static final String TOKENS = "tokens";
  public static final String OPEN_FINDINGS = "open_findings";
  public static final String MAX_OPEN_SCORE = "max_open_score";
  public static final String FINDING_IDS = "finding_ids";
  public static final String RECOMMENDATION = "recommendation";
  public static final String REASON = "reason";
  public static final String RUN_ID = "run_id";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(AS_OF, CREDENTIAL_ID, CREDENTIAL_TYPE, LIFETIME, PRINCIPAL,
      ACCOUNT_IDS, SOURCES, FIRST_SEEN, LAST_SEEN, ACTIVE_DAYS, CREATED_AT, CREATED_BY, REGIONS, COUNTRIES, ASNS,
      LLM_ACCESS, MODEL_INVOCATIONS, TOKENS, OPEN_FINDINGS, MAX_OPEN_SCORE, FINDING_IDS, RECOMMENDATION, REASON,
      RUN_ID);

  private static final int AS_OF_ = 0;
  private static final int CREDENTIAL_ID_ = 1;
  private static final int CREDENTIAL_TYPE_ = 2;
  private static final int LIFETIME_ = 3;
  private static final int PRINCIPAL_ = 4;
  private static final int ACCOUNT_IDS_ = 5;
  private static final int SOURCES_ = 6;
  private static final int FIRST_SEEN_ = 7;
  private static final int LAST_SEEN_ = 8;
  private static final int ACTIVE_DAYS_ = 9;
  private static final int CREATED_AT_ = 10;
  private static final int CREATED_BY_ = 11;
  private static final int REGIONS_ = 12;
  private static final int COUNTRIES_ = 13;
  private static final int ASNS_ = 14;
  private static final int LLM_ACCESS_ = 15;
  private static final int MODEL_INVOCATIONS_ = 16;
  private static final int TOKENS_ = 17;
  private static final int OPEN_FINDINGS_ = 18;
  private static final int MAX_OPEN_SCORE_ = 19;
  private static final int FINDING_IDS_ = 20;
  private static final int RECOMMENDATION_ = 21;
  private static final int REASON_ = 22;
  private static final int RUN_ID_ = 23;

  public Credentials() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/credentials.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/credentials.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Credentials fromRow(Row r) {
    Credentials t = new Credentials();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public LocalDate asOf() {
    return (LocalDate) get(AS_OF_);
  }

  public Credentials asOf(LocalDate v) {
    set(AS_OF_, v);
    return this;
  }

  public String credentialId() {
    return (String) get(CREDENTIAL_ID_);
  }

  public Credentials credentialId(String v) {
    set(CREDENTIAL_ID_, v);
    return this;
  }

  public String credentialType() {
    return (String) get(CREDENTIAL_TYPE_);
  }

  public Credentials credentialType(String v) {
    set(CREDENTIAL_TYPE_, v);
    return this;
  }

  public String lifetime() {
    return (String) get(LIFETIME_);
  }

  public Credentials lifetime(String v) {
    set(LIFETIME_, v);
    return this;
  }

  public String principal() {
    return (String) get(PRINCIPAL_);
  }

  public Credentials principal(String v) {
    set(PRINCIPAL_, v);
    return this;
  }

  public List<String> accountIds() {
    return getList(ACCOUNT_IDS_);
  }

  public Credentials accountIds(List<String> v) {
    set(ACCOUNT_IDS_, v);
    return this;
  }

  public List<String> sources() {
    return getList(SOURCES_);
  }

  public Credentials sources(List<String> v) {
    set(SOURCES_, v);
    return this;
  }

  public LocalDate firstSeen() {
    return (LocalDate) get(FIRST_SEEN_);
  }

  public Credentials firstSeen(LocalDate v) {
    set(FIRST_SEEN_, v);
    return this;
  }

  public LocalDate lastSeen() {
    return (LocalDate) get(LAST_SEEN_);
  }

  public Credentials lastSeen(LocalDate v) {
    set(LAST_SEEN_, v);
    return this;
  }

  public int activeDays() {
    return getInt(ACTIVE_DAYS_);
  }

  public Credentials activeDays(int v) {
    set(ACTIVE_DAYS_, v);
    return this;
  }

  public Instant createdAt() {
    return (Instant) get(CREATED_AT_);
  }

  public Credentials createdAt(Instant v) {
    set(CREATED_AT_, v);
    return this;
  }

  public String createdBy() {
    return (String) get(CREATED_BY_);
  }

  public Credentials createdBy(String v) {
    set(CREATED_BY_, v);
    return this;
  }

  public List<String> regions() {
    return getList(REGIONS_);
  }

  public Credentials regions(List<String> v) {
    set(REGIONS_, v);
    return this;
  }

  public List<String> countries() {
    return getList(COUNTRIES_);
  }

  public Credentials countries(List<String> v) {
    set(COUNTRIES_, v);
    return this;
  }

  public List<String> asns() {
    return getList(ASNS_);
  }

  public Credentials asns(List<String> v) {
    set(ASNS_, v);
    return this;
  }

  public boolean llmAccess() {
    return getBoolean(LLM_ACCESS_);
  }

  public Credentials llmAccess(boolean v) {
    set(LLM_ACCESS_, v);
    return this;
  }

  public long modelInvocations() {
    return getLong(MODEL_INVOCATIONS_);
  }

  public Credentials modelInvocations(long v) {
    set(MODEL_INVOCATIONS_, v);
    return this;
  }

  public long tokens() {
    return getLong(TOKENS_);
  }

  public Credentials tokens(long v) {
    set(TOKENS_, v);
    return this;
  }

  public int openFindings() {
    return getInt(OPEN_FINDINGS_);
  }

  public Credentials openFindings(int v) {
    set(OPEN_FINDINGS_, v);
    return this;
  }

  public Double maxOpenScore() {
    return (Double) get(MAX_OPEN_SCORE_);
  }

  public Credentials maxOpenScore(Double v) {
    set(MAX_OPEN_SCORE_, v);
    return this;
  }

  public List<String> findingIds() {
    return getList(FINDING_IDS_);
  }

  public Credentials findingIds(List<String> v) {
    set(FINDING_IDS_, v);
    return this;
  }

  public String recommendation() {
    return (String) get(RECOMMENDATION_);
  }

  public Credentials recommendation(String v) {
    set(RECOMMENDATION_, v);
    return this;
  }

  public String reason() {
    return (String) get(REASON_);
  }

  public Credentials reason(String v) {
    set(REASON_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Credentials runId(String v) {
    set(RUN_ID_, v);
    return this;
  }
}
