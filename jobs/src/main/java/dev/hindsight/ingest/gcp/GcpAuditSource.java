package dev.hindsight.ingest.gcp;

import static dev.hindsight.ingest.JsonFields.get;
import static dev.hindsight.ingest.JsonFields.json;
import static dev.hindsight.ingest.JsonFields.object;
import static dev.hindsight.ingest.JsonFields.path;
import static dev.hindsight.ingest.JsonFields.text;
import static dev.hindsight.ingest.JsonFields.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.JsonFields;
import dev.hindsight.ingest.JsonRecordsParser;
import dev.hindsight.ingest.JsonRecordsSource;
import dev.hindsight.ingest.Reason;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Cloud audit logs (Cloud Audit Logs {@code LogEntry} records with an {@code AuditLog} protoPayload):
 * a Cloud Logging sink to Cloud Storage ({@code cloudaudit.googleapis.com/{activity,data_access,system_event,
 * policy}/YYYY/MM/DD/HH:00:00_HH:59:59_S0.json}, one entry per line) and {@code gcloud logging read
 * --format=json} output (a JSON array of entries).
 *
 * <p>Mapping: action = {@code protoPayload.methodName} as logged (e.g.
 * {@code google.iam.admin.v1.CreateServiceAccountKey}, {@code SetIamPolicy}); service = serviceName;
 * account_id = the project id (else the organization / folder / billing account of the log name); region = the
 * resource's location, region or zone (a zone gives its region), else {@code global}; outcome from
 * {@code status.code} (0 or none = success; else error_code = the canonical code name such as
 * {@code PERMISSION_DENIED}); credential_id = {@code gcp:key/<key id>} when the call was made with a
 * service-account key ({@code serviceAccountKeyName}), else the caller's e-mail (principalEmail), else
 * {@code principalSubject}, else the service for system events; event_id = {@code insertId@logName} (insertId is
 * only unique within a log), or a hash of the entry when it has no insertId.
 */
public final class GcpAuditSource extends JsonRecordsSource {
  public static final String NAME = "gcp-audit";
  private static final long serialVersionUID = 1L;

  public GcpAuditSource() {
    super(NAME, new Mapper(), DatedLayout.EXPORTS, DatedLayout.JSON_FILES);
  }

  /** Maps one record (public: the generators use it to know the event_id ingest will store). */
  public static final class Mapper implements JsonRecordsParser.RecordMapper {
    private static final long serialVersionUID = 1L;
    /** google.rpc.Code names, by number. */
    private static final String[] CODES = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
    private static final Pattern ZONE = Pattern.compile("([a-z]+-[a-z]+\\d+)-[a-z]");
    private static final Pattern LOG_OWNER = Pattern.compile("^(projects|organizations|folders|billingAccounts)/([^/]+)/");

    @Override
    public String source() {
      return NAME;
    }

    @Override
    public String shape(JsonNode r) {
      return "logentry";
    }

    @Override
    public void map(JsonNode r, Events v) {
      String insertId = text(r, "insertId");
      String logName = text(r, "logName");
      v.eventId(insertId == null ? null : logName == null ? insertId : insertId + "@" + logName);
      Instant time = JsonFields.time(r, "timestamp", "receiveTimestamp");
      v.eventTime(time);
      v.eventDate(time.atOffset(ZoneOffset.UTC).toLocalDate());
      JsonNode pp = object(get(r, "protoPayload"));
      if (pp == null) {
        throw new JsonFields.Bad(Reason.UNRECOGNIZED_SHAPE,
            "the log entry has no protoPayload: not a Cloud Audit Logs entry");
      }
      if (insertId == null) {
        v.eventId(JsonFields.derivedId("gcp-audit", time.toString(), logName, r.toString()));
      }
      String method = text(pp, "methodName");
      v.action(method);
      String service = text(pp, "serviceName");
      v.service(service);
      v.resource(textOrNull(pp, "resourceName"));
      v.eventType(logType(logName));

      JsonNode resource = object(get(r, "resource"));
      JsonNode labels = resource == null ? null : object(get(resource, "labels"));
      String project = labels == null ? null : textOrNull(labels, "project_id");
      if (project == null && logName != null) {
        Matcher m = LOG_OWNER.matcher(logName);
        if (m.find()) {
          project = m.group(1).equals("projects") ? m.group(2) : m.group(1) + "/" + m.group(2);
        }
      }
      v.accountId(project);
      v.region(region(labels, pp));

      JsonNode meta = object(get(pp, "requestMetadata"));
      if (meta != null) {
        v.sourceIp(textOrNull(meta, "callerIp"));
        v.userAgent(textOrNull(meta, "callerSuppliedUserAgent"));
      }
      JsonNode status = object(get(pp, "status"));
      String code = status == null ? null : textOrNull(status, "code");
      boolean failed = code != null && !code.equals("0") && !code.equalsIgnoreCase("OK");
      v.outcome(failed ? "failure" : "success");
      if (failed) {
        v.errorCode(codeName(code));
        v.errorMessage(textOrNull(status, "message"));
      }
      v.requestJson(json(get(pp, "request")));
      v.responseJson(json(get(pp, "response")));
      identity(pp, service, v);
    }

    private static void identity(JsonNode pp, String service, Events v) {
      JsonNode auth = object(get(pp, "authenticationInfo"));
      String email = auth == null ? null : textOrNull(auth, "principalEmail");
      String subject = auth == null ? null : textOrNull(auth, "principalSubject");
      String keyName = auth == null ? null : textOrNull(auth, "serviceAccountKeyName");
      JsonNode delegation = auth == null ? null : get(auth, "serviceAccountDelegationInfo");
      String issuer = null;
      if (delegation != null && delegation.isArray() && delegation.size() > 0) {
        JsonNode d = delegation.get(0);
        JsonNode firstParty = path(d, "firstPartyPrincipal");
        issuer = firstParty != null ? textOrNull(firstParty, "principalEmail") : null;
        if (issuer == null) {
          issuer = textOrNull(d, "principalSubject");
        }
      }
      v.principal(email != null ? email : subject);
      v.principalName(email != null && email.contains("@") ? email.substring(0, email.indexOf('@')) : null);
      v.sessionIssuer(issuer);
      boolean sa = email != null && email.endsWith(".gserviceaccount.com");
      v.principalType(email == null ? (subject != null ? "Subject" : null) : sa ? "ServiceAccount" : "User");
      if (keyName != null) {
        String keyId = keyName.substring(keyName.lastIndexOf('/') + 1);
        v.credentialId("gcp:key/" + keyId);
        v.credentialType("service_account_key");
        v.accessKeyId(keyId);
      } else if (email != null) {
        v.credentialId(email);
        v.credentialType(issuer != null ? "impersonated_service_account"
            : sa ? "service_account" : "user");
      } else if (subject != null) {
        v.credentialId(subject);
        v.credentialType("federated");
      } else if (service != null) {
        v.credentialId(service);
        v.credentialType("gcp_service");
      } else {
        v.credentialType("unknown");
      }
    }

    private static String region(JsonNode labels, JsonNode pp) {
      String loc = labels == null ? null : textOrNull(labels, "location", "region", "zone");
      if (loc == null) {
        JsonNode rl = object(get(pp, "resourceLocation"));
        JsonNode current = rl == null ? null : get(rl, "currentLocations");
        if (current != null && current.isArray() && current.size() > 0 && current.get(0).isTextual()) {
          loc = current.get(0).asText();
        }
      }
      if (loc == null || loc.isBlank()) {
        return "global";
      }
      loc = loc.toLowerCase(java.util.Locale.ROOT); // BigQuery logs the multi-region as "US"
      Matcher m = ZONE.matcher(loc);
      return m.matches() ? m.group(1) : loc;
    }

    private static String logType(String logName) {
      if (logName == null) {
        return null;
      }
      String decoded = URLDecoder.decode(logName, StandardCharsets.UTF_8);
      int i = decoded.indexOf("/logs/");
      return i < 0 ? decoded : decoded.substring(i + 6);
    }

    private static String codeName(String code) {
      try {
        int n = Integer.parseInt(code);
        return n >= 0 && n < CODES.length ? CODES[n] : code;
      } catch (NumberFormatException e) {
        return code;
      }
    }
  }
}
