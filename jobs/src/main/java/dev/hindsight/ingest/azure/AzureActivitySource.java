package dev.hindsight.ingest.azure;

import static dev.hindsight.ingest.JsonFields.first;
import static dev.hindsight.ingest.JsonFields.get;
import static dev.hindsight.ingest.JsonFields.json;
import static dev.hindsight.ingest.JsonFields.lower;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

/**
 * The Azure Activity log (control-plane operations on a subscription), in three shapes: the diagnostic export
 * to a storage account ({@code insights-activity-logs/resourceId=/SUBSCRIPTIONS/<SUB>/y=/m=/d=/h=/m=00/PT1H.json},
 * one record per line, or an older {@code {"records":[...]}} blob), Log Analytics {@code AzureActivity} rows,
 * and {@code az monitor activity-log list} output (camelCase, or snake_case from older versions).
 *
 * <p>Mapping: action = the operation name as logged ({@code Microsoft.Authorization/roleAssignments/write};
 * Azure treats it case-insensitively, so {@code score.Families} matches Azure names ignoring case); account_id
 * = the subscription id (lower case); region = the record's location, else {@code global}; credential_id =
 * {@code azure:<tenant>/<appid>} for a service principal or managed identity (the token's {@code appid}),
 * {@code azure:<tenant>/<object id>} for a user; event_id = {@code eventDataId} where the record has one, else
 * a hash of time, correlation id, operation, status, resource and caller (so a redelivered blob dedups).
 */
public final class AzureActivitySource extends JsonRecordsSource {
  public static final String NAME = "azure-activity";
  private static final long serialVersionUID = 1L;

  public AzureActivitySource() {
    super(NAME, new Mapper(), DatedLayout.EXPORTS, DatedLayout.JSON_FILES);
  }

  /** Maps one record (public: the generators use it to know the event_id ingest will store). */
  public static final class Mapper implements JsonRecordsParser.RecordMapper {
    private static final long serialVersionUID = 1L;
    private static final Set<String> FAILED = Set.of("failure", "failed");
    /** Storage resource logs write the caller as address:port. */
    private static final java.util.regex.Pattern IPV4_PORT =
        java.util.regex.Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d+$");

    @Override
    public String source() {
      return NAME;
    }

    @Override
    public String shape(JsonNode r) {
      if (r.has("TimeGenerated") || r.has("OperationNameValue")) {
        return "log_analytics";
      }
      if (get(r, "eventTimestamp") != null) {
        return "az_cli";
      }
      return "diagnostic";
    }

    @Override
    public void map(JsonNode r, Events v) {
      String dataId = text(r, "eventDataId");
      JsonNode props = object(first(r, "properties", "Properties_d", "Properties"));
      if (dataId == null && props != null) {
        dataId = textOrNull(props, "eventDataId");
      }
      v.eventId(dataId);
      Instant time = JsonFields.time(r, "time", "eventTimestamp", "TimeGenerated");
      v.eventTime(time);
      v.eventDate(time.atOffset(ZoneOffset.UTC).toLocalDate());

      String operation = text(r, "OperationNameValue", "operationName");
      String status = text(r, "ActivityStatusValue", "resultType", "status", "ActivityStatus");
      String subStatus = textOrNull(r, "ActivitySubstatusValue", "subStatus", "resultSignature");
      String resourceId = text(r, "resourceId", "_ResourceId", "resourceUri");
      String correlation = text(r, "correlationId");
      JsonNode identity = object(get(r, "identity"));
      JsonNode claims = object(first(r, "claims", "Claims_d", "Claims"));
      if (claims == null && identity != null) {
        claims = object(get(identity, "claims"));
      }
      JsonNode authorization = object(first(r, "authorization", "Authorization_d", "Authorization"));
      if (authorization == null && identity != null) {
        authorization = object(get(identity, "authorization"));
      }
      String caller = text(r, "caller");
      String ip = text(r, "callerIpAddress");
      if (ip == null) {
        ip = textOrNull(path(r, "httpRequest"), "clientIpAddress");
      }

      String subscription = lower(text(r, "subscriptionId"));
      if (subscription == null) {
        subscription = AzureIdentity.subscriptionOf(resourceId);
      }
      if (subscription == null && authorization != null) {
        subscription = AzureIdentity.subscriptionOf(textOrNull(authorization, "scope"));
      }
      String tenant = lower(text(r, "tenantId"));
      if (tenant == null) {
        tenant = lower(AzureIdentity.claim(claims, AzureIdentity.TID, "tid"));
      }

      v.eventType(text(r, "CategoryValue", "category"));
      v.accountId(subscription != null ? subscription : tenant);
      String location = text(r, "location");
      v.region(AzureIdentity.region(location));
      v.action(operation);
      String provider = text(r, "ResourceProviderValue", "resourceProviderName");
      if (provider == null && operation != null && operation.contains("/")) {
        provider = operation.substring(0, operation.indexOf('/'));
      }
      v.service(provider);
      v.resource(resourceId);
      v.sourceIp(ip == null ? null : IPV4_PORT.matcher(ip).replaceFirst("$1"));
      v.readOnly(readOnly(operation));
      v.requestJson(json(props));

      String httpStatus = props == null ? null : textOrNull(props, "statusCode");
      boolean failed = status != null ? FAILED.contains(status.toLowerCase(Locale.ROOT))
          : isHttpError(httpStatus) || isHttpError(subStatus) || isHttpError(textOrNull(r, "statusCode"));
      v.outcome(failed ? "failure" : "success");
      if (failed) {
        errors(props, subStatus, httpStatus, r, v);
      }
      // No eventDataId (the diagnostic export has none): the key fields, plus the details, so that two
      // different records never share an id while a redelivered record always does.
      v.eventId(dataId != null ? dataId : JsonFields.derivedId("azure-activity", time.toString(),
          lower(correlation), lower(operation), lower(status), lower(subStatus), lower(resourceId), lower(caller),
          ip, location, json(props), json(claims)));
      identity(v, claims, caller, tenant);
    }

    private static void identity(Events v, JsonNode claims, String caller, String tenant) {
      String appid = AzureIdentity.claim(claims, "appid", "azp");
      String oid = AzureIdentity.claim(claims, AzureIdentity.OID, "oid");
      String idtyp = AzureIdentity.claim(claims, "idtyp");
      String mirid = AzureIdentity.claim(claims, "xms_mirid");
      String upn = AzureIdentity.claim(claims, AzureIdentity.UPN, "upn", "unique_name", AzureIdentity.NAME);
      String principal = caller != null ? caller : upn != null ? upn : oid != null ? oid : appid;
      v.principal(principal);
      v.mfaAuthenticated(AzureIdentity.mfa(claims));
      String type;
      String id;
      if (mirid != null) {
        type = "managed_identity";
        id = appid != null ? appid : oid;
        v.principalName(mirid.substring(mirid.lastIndexOf('/') + 1));
        v.principalType("ManagedIdentity");
      } else if ("app".equalsIgnoreCase(idtyp) || (idtyp == null && upn == null && appid != null
          && (caller == null || AzureIdentity.isGuid(caller)))) {
        type = "service_principal";
        id = appid != null ? appid : oid;
        v.principalType("ServicePrincipal");
      } else if (oid != null) {
        type = "user";
        id = oid;
        v.principalType("User");
        v.principalName(upn);
        v.invokedBy(appid); // the client application the user signed in with
      } else if (upn != null) {
        type = "user";
        id = upn;
        v.principalType("User");
        v.principalName(upn);
      } else if (caller != null) {
        boolean guid = AzureIdentity.isGuid(caller);
        type = caller.contains("@") ? "user" : guid ? "service_principal" : "unknown";
        id = caller;
        v.principalType(caller.contains("@") ? "User" : guid ? "ServicePrincipal" : null);
      } else {
        type = "unknown";
        id = null;
      }
      v.credentialType(type);
      v.credentialId(AzureIdentity.credentialId(tenant, id));
    }

    private static void errors(JsonNode props, String subStatus, String httpStatus, JsonNode r, Events v) {
      String code = null;
      String message = null;
      JsonNode statusMessage = props == null ? null : object(get(props, "statusMessage"));
      JsonNode error = statusMessage == null ? null : object(get(statusMessage, "error"));
      if (error != null) {
        code = textOrNull(error, "code");
        message = textOrNull(error, "message");
      }
      if (code == null) {
        code = textOrNull(r, "statusText"); // storage resource logs: AuthorizationPermissionMismatch, ...
      }
      if (code == null) {
        code = subStatus != null ? subStatus : httpStatus != null ? httpStatus : textOrNull(r, "statusCode");
      }
      v.errorCode(code);
      v.errorMessage(message != null ? message : textOrNull(r, "resultDescription"));
    }

    private static boolean isHttpError(String s) {
      if (s == null) {
        return false;
      }
      String t = s.toLowerCase(Locale.ROOT);
      if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
        int n = Integer.parseInt(t.length() > 3 ? t.substring(0, 3) : t);
        return n >= 400 && n < 600;
      }
      return t.equals("forbidden") || t.equals("unauthorized") || t.equals("badrequest") || t.equals("conflict")
          || t.equals("notfound") || t.equals("internalservererror");
    }

    private static Boolean readOnly(String op) {
      if (op == null) {
        return null;
      }
      String o = op.toLowerCase(Locale.ROOT);
      if (o.endsWith("/read")) {
        return true;
      }
      return o.endsWith("/write") || o.endsWith("/delete") || o.endsWith("/action") ? false : null;
    }
  }
}
