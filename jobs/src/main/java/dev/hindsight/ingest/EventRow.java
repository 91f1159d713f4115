package dev.hindsight.ingest;

import dev.hindsight.lake.TableSchema;

/** Builds one events row as an Object[] in the column order of schemas/events.json. */
public final class EventRow {
  private static final TableSchema SCHEMA = TableSchema.of("events");
  public static final int WIDTH = SCHEMA.columns().length;
  public static final int EVENT_ID = SCHEMA.indexOf("event_id");
  public static final int EVENT_TIME = SCHEMA.indexOf("event_time");
  public static final int EVENT_DATE = SCHEMA.indexOf("event_date");
  public static final int SOURCE = SCHEMA.indexOf("source");
  public static final int EVENT_TYPE = SCHEMA.indexOf("event_type");
  public static final int ACCOUNT_ID = SCHEMA.indexOf("account_id");
  public static final int REGION = SCHEMA.indexOf("region");
  public static final int SERVICE = SCHEMA.indexOf("service");
  public static final int ACTION = SCHEMA.indexOf("action");
  public static final int OUTCOME = SCHEMA.indexOf("outcome");
  public static final int ERROR_CODE = SCHEMA.indexOf("error_code");
  public static final int ERROR_MESSAGE = SCHEMA.indexOf("error_message");
  public static final int CREDENTIAL_ID = SCHEMA.indexOf("credential_id");
  public static final int CREDENTIAL_TYPE = SCHEMA.indexOf("credential_type");
  public static final int ACCESS_KEY_ID = SCHEMA.indexOf("access_key_id");
  public static final int PRINCIPAL = SCHEMA.indexOf("principal");
  public static final int PRINCIPAL_TYPE = SCHEMA.indexOf("principal_type");
  public static final int PRINCIPAL_NAME = SCHEMA.indexOf("principal_name");
  public static final int SESSION_ISSUER = SCHEMA.indexOf("session_issuer");
  public static final int SESSION_NAME = SCHEMA.indexOf("session_name");
  public static final int MFA_AUTHENTICATED = SCHEMA.indexOf("mfa_authenticated");
  public static final int INVOKED_BY = SCHEMA.indexOf("invoked_by");
  public static final int SOURCE_IP = SCHEMA.indexOf("source_ip");
  public static final int USER_AGENT = SCHEMA.indexOf("user_agent");
  public static final int READ_ONLY = SCHEMA.indexOf("read_only");
  public static final int RESOURCE = SCHEMA.indexOf("resource");
  public static final int REQUEST_JSON = SCHEMA.indexOf("request_json");
  public static final int RESPONSE_JSON = SCHEMA.indexOf("response_json");
  public static final int TOKENS_IN = SCHEMA.indexOf("tokens_in");
  public static final int TOKENS_OUT = SCHEMA.indexOf("tokens_out");
  public static final int RAW = SCHEMA.indexOf("raw");
  public static final int INPUT_FILE = SCHEMA.indexOf("input_file");
  public static final int INPUT_POSITION = SCHEMA.indexOf("input_position");
  public static final int INGEST_RUN_ID = SCHEMA.indexOf("ingest_run_id");

  private EventRow() {}

  public static Object[] create() {
    return new Object[WIDTH];
  }
}
