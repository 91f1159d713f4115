package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the events table, typed: its columns are those of {@code schemas/events.json}, in that order
 * (TablesTest fails the build when they are not).
 */
public final class Events extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "events";

  public static final String EVENT_ID = "event_id";
  public static final String EVENT_TIME = "event_time";
  public static final String EVENT_DATE = "event_date";
  public static final String SOURCE = "source";
  public static final String EVENT_TYPE = "event_type";
  public static final String ACCOUNT_ID = "account_id";
  public static final String REGION = "region";
  public static final String SERVICE = "service";
  public static final String ACTION = "action";
  public static final String OUTCOME = "outcome";
  public static final String ERROR_CODE = "error_code";
  public static final String ERROR_MESSAGE = "error_message";
  public static final String CREDENTIAL_ID = "credential_id";
  public static final String CREDENTIAL_TYPE = "credential_type";
  public static final String ACCESS_KEY_ID = "access_key_id";
  public static final String PRINCIPAL = "principal";
  public static final String PRINCIPAL_TYPE = "principal_type";
  public static final String PRINCIPAL_NAME = "principal_name";
  public static final String SESSION_ISSUER = "session_issuer";
  public static final String SESSION_NAME = "session_name";
  public static final String MFA_AUTHENTICATED = "mfa_authenticated";
  public static final String INVOKED_BY = "invoked_by";
  public static final String SOURCE_IP = "source_ip";
  public static final String USER_AGENT = "user_agent";
  public static final String READ_ONLY = "read_only";
  public static final String RESOURCE = "resource";
  public static final String REQUEST_JSON = "request_json";
  public static final String RESPONSE_JSON = "response_json";
  public static final String TOKENS_IN = "tokens_in";
  public static final String TOKENS_OUT = "tokens_out";
  public static final String RAW = "raw";
  public static final String INPUT_FILE = "input_file";
  public static final String INPUT_POSITION = "input_position";
  public static final String INGEST_RUN_ID = "ingest_run_id";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(EVENT_ID, EVENT_TIME, EVENT_DATE, SOURCE, EVENT_TYPE,
      ACCOUNT_ID, REGION, SERVICE, ACTION, OUTCOME, ERROR_CODE, ERROR_MESSAGE, CREDENTIAL_ID, CREDENTIAL_TYPE,
      ACCESS_KEY_ID, PRINCIPAL, PRINCIPAL_TYPE, PRINCIPAL_NAME, SESSION_ISSUER, SESSION_NAME, MFA_AUTHENTICATED,
      INVOKED_BY, SOURCE_IP, USER_AGENT, READ_ONLY, RESOURCE, REQUEST_JSON, RESPONSE_JSON, TOKENS_IN, TOKENS_OUT,
      RAW, INPUT_FILE, INPUT_POSITION, INGEST_RUN_ID);

  private static final int EVENT_ID_ = 0;
  private static final int EVENT_TIME_ = 1;
  private static final int EVENT_DATE_ = 2;
  private static final int SOURCE_ = 3;
  private static final int EVENT_TYPE_ = 4;
  private static final int ACCOUNT_ID_ = 5;
  private static final int REGION_ = 6;
  private static final int SERVICE_ = 7;
  private static final int ACTION_ = 8;
  private static final int OUTCOME_ = 9;
  private static final int ERROR_CODE_ = 10;
  private static final int ERROR_MESSAGE_ = 11;
  private static final int CREDENTIAL_ID_ = 12;
  private static final int CREDENTIAL_TYPE_ = 13;
  private static final int ACCESS_KEY_ID_ = 14;
  private static final int PRINCIPAL_ = 15;
  private static final int PRINCIPAL_TYPE_ = 16;
  private static final int PRINCIPAL_NAME_ = 17;
  private static final int SESSION_ISSUER_ = 18;
  private static final int SESSION_NAME_ = 19;
  private static final int MFA_AUTHENTICATED_ = 20;
  private static final int INVOKED_BY_ = 21;
  private static final int SOURCE_IP_ = 22;
  private static final int USER_AGENT_ = 23;
  private static final int READ_ONLY_ = 24;
  private static final int RESOURCE_ = 25;
  private static final int REQUEST_JSON_ = 26;
  private static final int RESPONSE_JSON_ = 27;
  private static final int TOKENS_IN_ = 28;
  private static final int TOKENS_OUT_ = 29;
  private static final int RAW_ = 30;
  private static final int INPUT_FILE_ = 31;
  private static final int INPUT_POSITION_ = 32;
  private static final int INGEST_RUN_ID_ = 33;

  public Events() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/events.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/events.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Events fromRow(Row r) {
    Events t = new Events();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String eventId() {
    return (String) get(EVENT_ID_);
  }

  public Events eventId(String v) {
    set(EVENT_ID_, v);
    return this;
  }

  public Instant eventTime() {
    return (Instant) get(EVENT_TIME_);
  }

  public Events eventTime(Instant v) {
    set(EVENT_TIME_, v);
    return this;
  }

  public LocalDate eventDate() {
    return (LocalDate) get(EVENT_DATE_);
  }

  public Events eventDate(LocalDate v) {
    set(EVENT_DATE_, v);
    return this;
  }

  public String source() {
    return (String) get(SOURCE_);
  }

  public Events source(String v) {
    set(SOURCE_, v);
    return this;
  }

  public String eventType() {
    return (String) get(EVENT_TYPE_);
  }

  public Events eventType(String v) {
    set(EVENT_TYPE_, v);
    return this;
  }

  public String accountId() {
    return (String) get(ACCOUNT_ID_);
  }

  public Events accountId(String v) {
    set(ACCOUNT_ID_, v);
    return this;
  }

  public String region() {
    return (String) get(REGION_);
  }

  public Events region(String v) {
    set(REGION_, v);
    return this;
  }

  public String service() {
    return (String) get(SERVICE_);
  }

  public Events service(String v) {
    set(SERVICE_, v);
    return this;
  }

  public String action() {
    return (String) get(ACTION_);
  }

  public Events action(String v) {
    set(ACTION_, v);
    return this;
  }

  public String outcome() {
    return (String) get(OUTCOME_);
  }

  public Events outcome(String v) {
    set(OUTCOME_, v);
    return this;
  }

  public String errorCode() {
    return (String) get(ERROR_CODE_);
  }

  public Events errorCode(String v) {
    set(ERROR_CODE_, v);
    return this;
  }

  public String errorMessage() {
    return (String) get(ERROR_MESSAGE_);
  }

  public Events errorMessage(String v) {
    set(ERROR_MESSAGE_, v);
    return this;
  }

  public String credentialId() {
    return (String) get(CREDENTIAL_ID_);
  }

  public Events credentialId(String v) {
    set(CREDENTIAL_ID_, v);
    return this;
  }

  public String credentialType() {
    return (String) get(CREDENTIAL_TYPE_);
  }

  public Events credentialType(String v) {
    set(CREDENTIAL_TYPE_, v);
    return this;
  }

  public String accessKeyId() {
    return (String) get(ACCESS_KEY_ID_);
  }

  public Events accessKeyId(String v) {
    set(ACCESS_KEY_ID_, v);
    return this;
  }

  public String principal() {
    return (String) get(PRINCIPAL_);
  }

  public Events principal(String v) {
    set(PRINCIPAL_, v);
    return this;
  }

  public String principalType() {
    return (String) get(PRINCIPAL_TYPE_);
  }

  public Events principalType(String v) {
    set(PRINCIPAL_TYPE_, v);
    return this;
  }

  public String principalName() {
    return (String) get(PRINCIPAL_NAME_);
  }

  public Events principalName(String v) {
    set(PRINCIPAL_NAME_, v);
    return this;
  }

  public String sessionIssuer() {
    return (String) get(SESSION_ISSUER_);
  }

  public Events sessionIssuer(String v) {
    set(SESSION_ISSUER_, v);
    return this;
  }

  public String sessionName() {
    return (String) get(SESSION_NAME_);
  }

  public Events sessionName(String v) {
    set(SESSION_NAME_, v);
    return this;
  }

  public Boolean mfaAuthenticated() {
    return (Boolean) get(MFA_AUTHENTICATED_);
  }

  public Events mfaAuthenticated(Boolean v) {
    set(MFA_AUTHENTICATED_, v);
    return this;
  }

  public String invokedBy() {
    return (String) get(INVOKED_BY_);
  }

  public Events invokedBy(String v) {
    set(INVOKED_BY_, v);
    return this;
  }

  public String sourceIp() {
    return (String) get(SOURCE_IP_);
  }

  public Events sourceIp(String v) {
    set(SOURCE_IP_, v);
    return this;
  }

  public String userAgent() {
    return (String) get(USER_AGENT_);
  }

  public Events userAgent(String v) {
    set(USER_AGENT_, v);
    return this;
  }

  public Boolean readOnly() {
    return (Boolean) get(READ_ONLY_);
  }

  public Events readOnly(Boolean v) {
    set(READ_ONLY_, v);
    return this;
  }

  public String resource() {
    return (String) get(RESOURCE_);
  }

  public Events resource(String v) {
    set(RESOURCE_, v);
    return this;
  }

  public String requestJson() {
    return (String) get(REQUEST_JSON_);
  }

  public Events requestJson(String v) {
    set(REQUEST_JSON_, v);
    return this;
  }

  public String responseJson() {
    return (String) get(RESPONSE_JSON_);
  }

  public Events responseJson(String v) {
    set(RESPONSE_JSON_, v);
    return this;
  }

  public Long tokensIn() {
    return (Long) get(TOKENS_IN_);
  }

  public Events tokensIn(Long v) {
    set(TOKENS_IN_, v);
    return this;
  }

  public Long tokensOut() {
    return (Long) get(TOKENS_OUT_);
  }

  public Events tokensOut(Long v) {
    set(TOKENS_OUT_, v);
    return this;
  }

  public String raw() {
    return (String) get(RAW_);
  }

  public Events raw(String v) {
    set(RAW_, v);
    return this;
  }

  public String inputFile() {
    return (String) get(INPUT_FILE_);
  }

  public Events inputFile(String v) {
    set(INPUT_FILE_, v);
    return this;
  }

  public long inputPosition() {
    return getLong(INPUT_POSITION_);
  }

  public Events inputPosition(long v) {
    set(INPUT_POSITION_, v);
    return this;
  }

  public String ingestRunId() {
    return (String) get(INGEST_RUN_ID_);
  }

  public Events ingestRunId(String v) {
    set(INGEST_RUN_ID_, v);
    return this;
  }

}
