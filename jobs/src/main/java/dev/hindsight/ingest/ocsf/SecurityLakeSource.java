package dev.hindsight.ingest.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.ingest.Discovery;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.Reason;
import dev.hindsight.ingest.RecordSink;
import dev.hindsight.ingest.Redactor;
import dev.hindsight.ingest.Source;
import dev.hindsight.ingest.cloudtrail.CloudTrailMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Amazon Security Lake: CloudTrail management events as OCSF API Activity (class 6003) in Parquet, laid out
 * as {@code region=<r>/accountId=<a>/eventDay=YYYYMMDD/*.parquet}; {@code eventDay=} folders prune a range.
 * Each row is turned back into the CloudTrail fields it came from (metadata.uid = eventID, time = eventTime,
 * api.operation = eventName, api.service.name = eventSource, actor.user.* = userIdentity, ...) and mapped by
 * {@link CloudTrailMapper}, so a credential has the same credential_id in both sources. Account Change (3001)
 * rows are read the same way; Authentication (3002) rows are console sign-ins (eventName ConsoleLogin, the
 * user from {@code user}, failure from {@code status}). Rows of other OCSF classes are quarantined as
 * UNRECOGNIZED_SHAPE (counted, not guessed at).
 */
public final class SecurityLakeSource implements Source {
  public static final String NAME = "security-lake";
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    return DatedLayout.discover(fs, root, range, DatedLayout.EVENT_DAY, name -> name.endsWith(".parquet"));
  }

  @Override
  public String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink) {
    if (bytes.problem() != null) {
      sink.quarantine(-1, null, bytes.problem(), bytes.detail(), null, null, null);
      return "unknown";
    }
    if (bytes.length() == 0) {
      sink.quarantine(-1, null, Reason.EMPTY_FILE, "the file has no content", null, null, null);
      return "unknown";
    }
    long[] position = {0};
    try {
      ParquetRecords.read(bytes.data(), bytes.length(), row -> record(row, position[0]++, inputFile, limits, sink));
    } catch (IOException | RuntimeException e) {
      sink.quarantine(position[0] == 0 ? -1 : position[0], null, Reason.UNRECOGNIZED_SHAPE,
          "not a readable Parquet file" + (position[0] == 0 ? "" : " after " + position[0] + " rows") + ": " + e,
          null, null, null);
    }
    return "ocsf_parquet";
  }

  private static void record(ObjectNode row, long position, String inputFile, ParseLimits limits, RecordSink sink) {
    String raw = row.toString();
    if (raw.length() > limits.maxRecordBytes()) {
      sink.quarantine(position, null, Reason.OVERSIZED_RECORD, "row of " + raw.length() + " characters is over"
          + " --max-record-bytes " + limits.maxRecordBytes(), null, text(row.path("metadata"), "uid"), null);
      return;
    }
    JsonNode cls = row.get("class_uid");
    long c = cls != null && cls.canConvertToLong() ? cls.asLong() : -1;
    if (c != 6003 && c != 3001 && c != 3002) {
      sink.quarantine(position, null, Reason.UNRECOGNIZED_SHAPE, "OCSF class_uid " + cls + " is not API Activity"
          + " (6003), Account Change (3001) or Authentication (3002)", Redactor.redactText(clip(raw)),
          text(row.path("metadata"), "uid"), null);
      return;
    }
    ObjectNode ct = cloudTrail(row);
    // Secrets first (CreateAccessKey's secretAccessKey, AssumeRole's sessionToken): OCSF keeps request and
    // response data as JSON text, so the parsed copies are redacted and written back before raw is taken.
    boolean changed = Redactor.redact(ct);
    changed |= Redactor.redact(row);
    for (String[] f : new String[][] {{"request", "requestParameters"}, {"response", "responseElements"}}) {
      JsonNode holder = row.path("api").path(f[0]);
      if (holder instanceof ObjectNode h && h.path("data").isTextual() && ct.path(f[1]).isContainerNode()) {
        String redacted = ct.get(f[1]).toString();
        if (!redacted.equals(h.get("data").asText())) {
          h.put("data", redacted);
          changed = true;
        }
      }
    }
    if (changed) {
      raw = row.toString();
    }
    Events v = new Events();
    CloudTrailMapper.Problem p = CloudTrailMapper.map(ct, v);
    if (p != null) {
      sink.quarantine(position, null, p.reason(), p.detail(), Redactor.redactText(clip(raw)),
          v.eventId(), v.eventDate());
      return;
    }
    v.source(NAME);
    v.raw(raw);
    v.inputFile(inputFile);
    v.inputPosition(position);
    sink.event(v, v.eventDate());
  }

  /** The CloudTrail record an OCSF API Activity row was made from, as far as the row tells. */
  static ObjectNode cloudTrail(JsonNode o) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode ct = f.objectNode();
    JsonNode md = o.path("metadata");
    put(ct, "eventID", text(md, "uid"));
    JsonNode time = o.get("time");
    if (time != null && time.canConvertToLong()) {
      ct.put("eventTime", Instant.ofEpochMilli(time.asLong()).toString());
    } else if (time != null && time.isTextual()) {
      ct.put("eventTime", time.asText());
    }
    put(ct, "eventType", text(md, "event_code"));
    put(ct, "awsRegion", text(o.path("cloud"), "region"));
    put(ct, "recipientAccountId", text(o.path("cloud").path("account"), "uid"));
    JsonNode api = o.path("api");
    put(ct, "eventSource", text(api.path("service"), "name"));
    boolean auth = o.path("class_uid").asLong() == 3002;
    String operation = text(api, "operation");
    put(ct, "eventName", operation != null ? operation : auth ? "ConsoleLogin" : null);
    if (auth && text(md, "event_code") == null) {
      ct.put("eventType", "AwsConsoleSignIn");
    }
    put(ct, "errorCode", text(api.path("response"), "error"));
    put(ct, "errorMessage", text(api.path("response"), "error_message"));
    put(ct, "sourceIPAddress", text(o.path("src_endpoint"), "ip") != null ? text(o.path("src_endpoint"), "ip")
        : text(o.path("src_endpoint"), "domain"));
    put(ct, "userAgent", text(o.path("http_request"), "user_agent"));
    json(ct, "requestParameters", api.path("request").get("data"));
    json(ct, "responseElements", api.path("response").get("data"));
    if (auth && !ct.has("responseElements")) {
      ct.putObject("responseElements").put("ConsoleLogin", "Failure".equalsIgnoreCase(text(o, "status"))
          ? "Failure" : "Success");
    }
    // API Activity and Account Change name the caller actor.user; Authentication names it user
    JsonNode user = o.path("actor").has("user") ? o.path("actor").path("user") : o.path("user");
    JsonNode session = o.path("actor").path("session");
    ObjectNode id = ct.putObject("userIdentity");
    put(id, "type", text(user, "type"));
    put(id, "arn", text(user, "uid"));
    put(id, "principalId", text(user, "uid_alt"));
    put(id, "accessKeyId", text(user, "credential_uid"));
    put(id, "userName", text(user, "name"));
    put(id, "accountId", text(user.path("account"), "uid"));
    put(id, "invokedBy", text(o.path("actor"), "invoked_by"));
    String issuer = text(session, "issuer");
    JsonNode mfa = session.get("is_mfa");
    if (issuer != null || mfa != null) {
      ObjectNode ctx = id.putObject("sessionContext");
      if (issuer != null) {
        ObjectNode si = ctx.putObject("sessionIssuer");
        si.put("arn", issuer);
        si.put("userName", issuer.substring(issuer.lastIndexOf('/') + 1));
      }
      if (mfa != null && !mfa.isNull()) {
        ctx.putObject("attributes").put("mfaAuthenticated", mfa.asText());
      }
    }
    return ct;
  }

  /** request/response data: a JSON text in OCSF; kept as an object when it parses. */
  private static void json(ObjectNode ct, String field, JsonNode data) {
    if (data == null || data.isNull()) {
      return;
    }
    if (data.isTextual()) {
      try {
        ct.set(field, new com.fasterxml.jackson.databind.ObjectMapper().readTree(data.asText()));
        return;
      } catch (IOException e) {
        ct.put(field, data.asText());
        return;
      }
    }
    ct.set(field, data);
  }

  private static void put(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static String clip(String s) {
    return s.length() <= 512 ? s : s.substring(0, 512);
  }
}
