package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the credential_daily table, typed: its columns are those of {@code schemas/credential_daily.json}, in
 * that order (TablesTest fails the build when they are not). The detectors read it as {@code score.Features}.
 */
public class CredentialDaily extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "credential_daily";

  public static final String EVENT_DATE = "event_date";
  public static final String CREDENTIAL_ID = "credential_id";
  public static final String REGION = "region";
  public static final String SOURCE = "source";
  public static final String ACCOUNT_ID = "account_id";
  public static final String CREDENTIAL_TYPE = "credential_type";
  public static final String PRINCIPAL = "principal";
  public static final String EVENTS = "events";
  public static final String FAILURES = "failures";
  public static final String ACCESS_DENIED = "access_denied";
  public static final String DISTINCT_IPS = "distinct_ips";
  public static final String DISTINCT_ASNS = "distinct_asns";
  public static final String DISTINCT_COUNTRIES = "distinct_countries";
  public static final String DISTINCT_USER_AGENTS = "distinct_user_agents";
  public static final String DISTINCT_ACTIONS = "distinct_actions";
  public static final String IPS = "ips";
  public static final String ASNS = "asns";
  public static final String COUNTRIES = "countries";
  public static final String USER_AGENTS = "user_agents";
  public static final String ACTIONS = "actions";
  public static final String HOURS = "hours";
  public static final String CRED_CREATION = "cred_creation";
  public static final String KEYS_CREATED_FOR_OTHERS = "keys_created_for_others";
  public static final String CREATED_KEY_IDS = "created_key_ids";
  public static final String PRIV_CHANGE = "priv_change";
  public static final String SECRET_READS = "secret_reads";
  public static final String DISTINCT_SECRETS = "distinct_secrets";
  public static final String DISCOVERY = "discovery";
  public static final String LOGGING_TAMPER = "logging_tamper";
  public static final String MODEL_RECON = "model_recon";
  public static final String MODEL_INVOCATIONS = "model_invocations";
  public static final String DATA_READS = "data_reads";
  public static final String TOKENS_IN = "tokens_in";
  public static final String TOKENS_OUT = "tokens_out";
  public static final String COUNTRY_SWITCH_MINUTES = "country_switch_minutes";
  public static final String RECON_THEN_INVOKE = "recon_then_invoke";
  public static final String NEW_IPS = "new_ips";
  public static final String NEW_ASNS = "new_asns";
  public static final String NEW_COUNTRIES = "new_countries";
  public static final String NEW_ACCOUNT_ASNS = "new_account_asns";
  public static final String NEW_ACCOUNT_COUNTRIES = "new_account_countries";
  public static final String NEW_REGION = "new_region";
  public static final String NEW_ACCOUNT_REGION = "new_account_region";
  public static final String ACCOUNT_NEW_REGION_CREDENTIALS = "account_new_region_credentials";
  public static final String NEW_ACTIONS = "new_actions";
  public static final String NEW_USER_AGENTS = "new_user_agents";
  public static final String DAYS_ACTIVE_BEFORE = "days_active_before";
  public static final String DAYS_SINCE_LAST_ACTIVE = "days_since_last_active";
  public static final String CREATED_BY = "created_by";
  public static final String INSTANCE_CREDS_OUTSIDE_AWS = "instance_creds_outside_aws";
  public static final String EVIDENCE_EVENT_IDS = "evidence_event_ids";
  public static final String EVIDENCE_BY_FAMILY = "evidence_by_family";
  public static final String RUN_ID = "run_id";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(EVENT_DATE, CREDENTIAL_ID, REGION, SOURCE, ACCOUNT_ID,
      CREDENTIAL_TYPE, PRINCIPAL, EVENTS, FAILURES, ACCESS_DENIED, DISTINCT_IPS, DISTINCT_ASNS, DISTINCT_COUNTRIES,
      DISTINCT_USER_AGENTS, DISTINCT_ACTIONS, IPS, ASNS, COUNTRIES, USER_AGENTS, ACTIONS, HOURS, CRED_CREATION,
      KEYS_CREATED_FOR_OTHERS, CREATED_KEY_IDS, PRIV_CHANGE, SECRET_READS, DISTINCT_SECRETS, DISCOVERY,
      LOGGING_TAMPER, MODEL_RECON, MODEL_INVOCATIONS, DATA_READS, TOKENS_IN, TOKENS_OUT, COUNTRY_SWITCH_MINUTES,
      RECON_THEN_INVOKE, NEW_IPS, NEW_ASNS, NEW_COUNTRIES, NEW_ACCOUNT_ASNS, NEW_ACCOUNT_COUNTRIES, NEW_REGION,
      NEW_ACCOUNT_REGION, ACCOUNT_NEW_REGION_CREDENTIALS, NEW_ACTIONS, NEW_USER_AGENTS, DAYS_ACTIVE_BEFORE,
      DAYS_SINCE_LAST_ACTIVE, CREATED_BY, INSTANCE_CREDS_OUTSIDE_AWS, EVIDENCE_EVENT_IDS, EVIDENCE_BY_FAMILY,
      RUN_ID);

  private static final int EVENT_DATE_ = 0;
  private static final int CREDENTIAL_ID_ = 1;
  private static final int REGION_ = 2;
  private static final int SOURCE_ = 3;
  private static final int ACCOUNT_ID_ = 4;
  private static final int CREDENTIAL_TYPE_ = 5;
  private static final int PRINCIPAL_ = 6;
  private static final int EVENTS_ = 7;
  private static final int FAILURES_ = 8;
  private static final int ACCESS_DENIED_ = 9;
  private static final int DISTINCT_IPS_ = 10;
  private static final int DISTINCT_ASNS_ = 11;
  private static final int DISTINCT_COUNTRIES_ = 12;
  private static final int DISTINCT_USER_AGENTS_ = 13;
  private static final int DISTINCT_ACTIONS_ = 14;
  private static final int IPS_ = 15;
  private static final int ASNS_ = 16;
  private static final int COUNTRIES_ = 17;
  private static final int USER_AGENTS_ = 18;
  private static final int ACTIONS_ = 19;
  private static final int HOURS_ = 20;
  private static final int CRED_CREATION_ = 21;
  private static final int KEYS_CREATED_FOR_OTHERS_ = 22;
  private static final int CREATED_KEY_IDS_ = 23;
  private static final int PRIV_CHANGE_ = 24;
  private static final int SECRET_READS_ = 25;
  private static final int DISTINCT_SECRETS_ = 26;
  private static final int DISCOVERY_ = 27;
  private static final int LOGGING_TAMPER_ = 28;
  private static final int MODEL_RECON_ = 29;
  private static final int MODEL_INVOCATIONS_ = 30;
  private static final int DATA_READS_ = 31;
  private static final int TOKENS_IN_ = 32;
  private static final int TOKENS_OUT_ = 33;
  private static final int COUNTRY_SWITCH_MINUTES_ = 34;
  private static final int RECON_THEN_INVOKE_ = 35;
  private static final int NEW_IPS_ = 36;
  private static final int NEW_ASNS_ = 37;
  private static final int NEW_COUNTRIES_ = 38;
  private static final int NEW_ACCOUNT_ASNS_ = 39;
  private static final int NEW_ACCOUNT_COUNTRIES_ = 40;
  private static final int NEW_REGION_ = 41;
  private static final int NEW_ACCOUNT_REGION_ = 42;
  private static final int ACCOUNT_NEW_REGION_CREDENTIALS_ = 43;
  private static final int NEW_ACTIONS_ = 44;
  private static final int NEW_USER_AGENTS_ = 45;
  private static final int DAYS_ACTIVE_BEFORE_ = 46;
  private static final int DAYS_SINCE_LAST_ACTIVE_ = 47;
  private static final int CREATED_BY_ = 48;
  private static final int INSTANCE_CREDS_OUTSIDE_AWS_ = 49;
  private static final int EVIDENCE_EVENT_IDS_ = 50;
  private static final int EVIDENCE_BY_FAMILY_ = 51;
  private static final int RUN_ID_ = 52;

  public CredentialDaily() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/credential_daily.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/credential_daily.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static CredentialDaily fromRow(Row r) {
    CredentialDaily t = new CredentialDaily();
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

  public CredentialDaily eventDate(LocalDate v) {
    set(EVENT_DATE_, v);
    return this;
  }

  public String credentialId() {
    return (String) get(CREDENTIAL_ID_);
  }

  public CredentialDaily credentialId(String v) {
    set(CREDENTIAL_ID_, v);
    return this;
  }

  public String region() {
    return (String) get(REGION_);
  }

  public CredentialDaily region(String v) {
    set(REGION_, v);
    return this;
  }

  public String source() {
    return (String) get(SOURCE_);
  }

  public CredentialDaily source(String v) {
    set(SOURCE_, v);
    return this;
  }

  public String accountId() {
    return (String) get(ACCOUNT_ID_);
  }

  public CredentialDaily accountId(String v) {
    set(ACCOUNT_ID_, v);
    return this;
  }

  public String credentialType() {
    return (String) get(CREDENTIAL_TYPE_);
  }

  public CredentialDaily credentialType(String v) {
    set(CREDENTIAL_TYPE_, v);
    return this;
  }

  public String principal() {
    return (String) get(PRINCIPAL_);
  }

  public CredentialDaily principal(String v) {
    set(PRINCIPAL_, v);
    return this;
  }

  public long events() {
    return getLong(EVENTS_);
  }

  public CredentialDaily events(long v) {
    set(EVENTS_, v);
    return this;
  }

  public long failures() {
    return getLong(FAILURES_);
  }

  public CredentialDaily failures(long v) {
    set(FAILURES_, v);
    return this;
  }

  public long accessDenied() {
    return getLong(ACCESS_DENIED_);
  }

  public CredentialDaily accessDenied(long v) {
    set(ACCESS_DENIED_, v);
    return this;
  }

  public int distinctIps() {
    return getInt(DISTINCT_IPS_);
  }

  public CredentialDaily distinctIps(int v) {
    set(DISTINCT_IPS_, v);
    return this;
  }

  public int distinctAsns() {
    return getInt(DISTINCT_ASNS_);
  }

  public CredentialDaily distinctAsns(int v) {
    set(DISTINCT_ASNS_, v);
    return this;
  }

  public int distinctCountries() {
    return getInt(DISTINCT_COUNTRIES_);
  }

  public CredentialDaily distinctCountries(int v) {
    set(DISTINCT_COUNTRIES_, v);
    return this;
  }

  public int distinctUserAgents() {
    return getInt(DISTINCT_USER_AGENTS_);
  }

  public CredentialDaily distinctUserAgents(int v) {
    set(DISTINCT_USER_AGENTS_, v);
    return this;
  }

  public int distinctActions() {
    return getInt(DISTINCT_ACTIONS_);
  }

  public CredentialDaily distinctActions(int v) {
    set(DISTINCT_ACTIONS_, v);
    return this;
  }

  public List<String> ips() {
    return getList(IPS_);
  }

  public CredentialDaily ips(List<String> v) {
    set(IPS_, v);
    return this;
  }

  public List<String> asns() {
    return getList(ASNS_);
  }

  public CredentialDaily asns(List<String> v) {
    set(ASNS_, v);
    return this;
  }

  public List<String> countries() {
    return getList(COUNTRIES_);
  }

  public CredentialDaily countries(List<String> v) {
    set(COUNTRIES_, v);
    return this;
  }

  public List<String> userAgents() {
    return getList(USER_AGENTS_);
  }

  public CredentialDaily userAgents(List<String> v) {
    set(USER_AGENTS_, v);
    return this;
  }

  public List<String> actions() {
    return getList(ACTIONS_);
  }

  public CredentialDaily actions(List<String> v) {
    set(ACTIONS_, v);
    return this;
  }

  public List<Long> hours() {
    return getList(HOURS_);
  }

  public CredentialDaily hours(List<Long> v) {
    set(HOURS_, v);
    return this;
  }

  public long credCreation() {
    return getLong(CRED_CREATION_);
  }

  public CredentialDaily credCreation(long v) {
    set(CRED_CREATION_, v);
    return this;
  }

  public long keysCreatedForOthers() {
    return getLong(KEYS_CREATED_FOR_OTHERS_);
  }

  public CredentialDaily keysCreatedForOthers(long v) {
    set(KEYS_CREATED_FOR_OTHERS_, v);
    return this;
  }

  public List<String> createdKeyIds() {
    return getList(CREATED_KEY_IDS_);
  }

  public CredentialDaily createdKeyIds(List<String> v) {
    set(CREATED_KEY_IDS_, v);
    return this;
  }

  public long privChange() {
    return getLong(PRIV_CHANGE_);
  }

  public CredentialDaily privChange(long v) {
    set(PRIV_CHANGE_, v);
    return this;
  }

  public long secretReads() {
    return getLong(SECRET_READS_);
  }

  public CredentialDaily secretReads(long v) {
    set(SECRET_READS_, v);
    return this;
  }

  public int distinctSecrets() {
    return getInt(DISTINCT_SECRETS_);
  }

  public CredentialDaily distinctSecrets(int v) {
    set(DISTINCT_SECRETS_, v);
    return this;
  }

  public long discovery() {
    return getLong(DISCOVERY_);
  }

  public CredentialDaily discovery(long v) {
    set(DISCOVERY_, v);
    return this;
  }

  public long loggingTamper() {
    return getLong(LOGGING_TAMPER_);
  }

  public CredentialDaily loggingTamper(long v) {
    set(LOGGING_TAMPER_, v);
    return this;
  }

  public long modelRecon() {
    return getLong(MODEL_RECON_);
  }

  public CredentialDaily modelRecon(long v) {
    set(MODEL_RECON_, v);
    return this;
  }

  public long modelInvocations() {
    return getLong(MODEL_INVOCATIONS_);
  }

  public CredentialDaily modelInvocations(long v) {
    set(MODEL_INVOCATIONS_, v);
    return this;
  }

  public long dataReads() {
    return getLong(DATA_READS_);
  }

  public CredentialDaily dataReads(long v) {
    set(DATA_READS_, v);
    return this;
  }

  public Long tokensIn() {
    return (Long) get(TOKENS_IN_);
  }

  public CredentialDaily tokensIn(Long v) {
    set(TOKENS_IN_, v);
    return this;
  }

  public Long tokensOut() {
    return (Long) get(TOKENS_OUT_);
  }

  public CredentialDaily tokensOut(Long v) {
    set(TOKENS_OUT_, v);
    return this;
  }

  public Double countrySwitchMinutes() {
    return (Double) get(COUNTRY_SWITCH_MINUTES_);
  }

  public CredentialDaily countrySwitchMinutes(Double v) {
    set(COUNTRY_SWITCH_MINUTES_, v);
    return this;
  }

  public boolean reconThenInvoke() {
    return getBoolean(RECON_THEN_INVOKE_);
  }

  public CredentialDaily reconThenInvoke(boolean v) {
    set(RECON_THEN_INVOKE_, v);
    return this;
  }

  public int newIps() {
    return getInt(NEW_IPS_);
  }

  public CredentialDaily newIps(int v) {
    set(NEW_IPS_, v);
    return this;
  }

  public int newAsns() {
    return getInt(NEW_ASNS_);
  }

  public CredentialDaily newAsns(int v) {
    set(NEW_ASNS_, v);
    return this;
  }

  public int newCountries() {
    return getInt(NEW_COUNTRIES_);
  }

  public CredentialDaily newCountries(int v) {
    set(NEW_COUNTRIES_, v);
    return this;
  }

  public int newAccountAsns() {
    return getInt(NEW_ACCOUNT_ASNS_);
  }

  public CredentialDaily newAccountAsns(int v) {
    set(NEW_ACCOUNT_ASNS_, v);
    return this;
  }

  public int newAccountCountries() {
    return getInt(NEW_ACCOUNT_COUNTRIES_);
  }

  public CredentialDaily newAccountCountries(int v) {
    set(NEW_ACCOUNT_COUNTRIES_, v);
    return this;
  }

  public boolean newRegion() {
    return getBoolean(NEW_REGION_);
  }

  public CredentialDaily newRegion(boolean v) {
    set(NEW_REGION_, v);
    return this;
  }

  public boolean newAccountRegion() {
    return getBoolean(NEW_ACCOUNT_REGION_);
  }

  public CredentialDaily newAccountRegion(boolean v) {
    set(NEW_ACCOUNT_REGION_, v);
    return this;
  }

  public int accountNewRegionCredentials() {
    return getInt(ACCOUNT_NEW_REGION_CREDENTIALS_);
  }

  public CredentialDaily accountNewRegionCredentials(int v) {
    set(ACCOUNT_NEW_REGION_CREDENTIALS_, v);
    return this;
  }

  public int newActions() {
    return getInt(NEW_ACTIONS_);
  }

  public CredentialDaily newActions(int v) {
    set(NEW_ACTIONS_, v);
    return this;
  }

  public int newUserAgents() {
    return getInt(NEW_USER_AGENTS_);
  }

  public CredentialDaily newUserAgents(int v) {
    set(NEW_USER_AGENTS_, v);
    return this;
  }

  public int daysActiveBefore() {
    return getInt(DAYS_ACTIVE_BEFORE_);
  }

  public CredentialDaily daysActiveBefore(int v) {
    set(DAYS_ACTIVE_BEFORE_, v);
    return this;
  }

  public Integer daysSinceLastActive() {
    return (Integer) get(DAYS_SINCE_LAST_ACTIVE_);
  }

  public CredentialDaily daysSinceLastActive(Integer v) {
    set(DAYS_SINCE_LAST_ACTIVE_, v);
    return this;
  }

  public String createdBy() {
    return (String) get(CREATED_BY_);
  }

  public CredentialDaily createdBy(String v) {
    set(CREATED_BY_, v);
    return this;
  }

  public long instanceCredsOutsideAws() {
    return getLong(INSTANCE_CREDS_OUTSIDE_AWS_);
  }

  public CredentialDaily instanceCredsOutsideAws(long v) {
    set(INSTANCE_CREDS_OUTSIDE_AWS_, v);
    return this;
  }

  public List<String> evidenceEventIds() {
    return getList(EVIDENCE_EVENT_IDS_);
  }

  public CredentialDaily evidenceEventIds(List<String> v) {
    set(EVIDENCE_EVENT_IDS_, v);
    return this;
  }

  public Map<String, List<String>> evidenceByFamily() {
    return getMap(EVIDENCE_BY_FAMILY_);
  }

  public CredentialDaily evidenceByFamily(Map<String, List<String>> v) {
    set(EVIDENCE_BY_FAMILY_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public CredentialDaily runId(String v) {
    set(RUN_ID_, v);
    return this;
  }

}
