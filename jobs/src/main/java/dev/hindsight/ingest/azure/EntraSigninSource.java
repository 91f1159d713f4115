package dev.hindsight.ingest.azure;

import static dev.hindsight.ingest.JsonFields.first;
import static dev.hindsight.ingest.JsonFields.get;
import static dev.hindsight.ingest.JsonFields.json;
import static dev.hindsight.ingest.JsonFields.lower;
import static dev.hindsight.ingest.JsonFields.object;
import static dev.hindsight.ingest.JsonFields.text;
import static dev.hindsight.ingest.JsonFields.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.ingest.EventRow;
import dev.hindsight.ingest.JsonFields;
import dev.hindsight.ingest.JsonRecordsParser;
import dev.hindsight.ingest.JsonRecordsSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Microsoft Entra ID sign-in logs (user interactive and non-interactive, service principal and managed
 * identity sign-ins) and Entra audit logs, in the shapes they are exported: the diagnostic export to a storage
 * account ({@code insights-logs-signinlogs/}, {@code insights-logs-noninteractiveusersigninlogs/},
 * {@code insights-logs-serviceprincipalsigninlogs/}, {@code insights-logs-managedidentitysigninlogs/},
 * {@code insights-logs-auditlogs/}, then {@code tenantId=<T>/y=/m=/d=/h=/m=00/PT1H.json}), Log Analytics
 * {@code SigninLogs} / {@code AuditLogs} rows, and Graph API {@code signIns} / {@code directoryAudits} objects
 * (also a page, {@code {"value":[...]}}).
 *
 * <p>Mapping for a sign-in: action = {@code SignIn}, {@code NonInteractiveSignIn},
 * {@code ServicePrincipalSignIn} or {@code ManagedIdentitySignIn}; service = the resource signed in to;
 * resource = the client application; outcome from {@code status.errorCode} (0 = success; else error_code = the
 * code, error_message = the failure reason); mfa_authenticated from the authentication requirement; region
 * {@code global}; account_id = the tenant. For an audit record: action = the activity name
 * ({@code Add service principal credentials}), the credential is whoever initiated it. credential_id follows
 * the Azure scheme ({@code azure:<tenant>/<appId>} for service principals and managed identities,
 * {@code azure:<tenant>/<userId>} for users), so a service principal is one credential across its sign-ins and
 * its Activity-log operations.
 */
public final class EntraSigninSource extends JsonRecordsSource {
  public static final String NAME = "entra-signin";
  private static final long serialVersionUID = 1L;

  public EntraSigninSource() {
    super(NAME, new Mapper(), DatedLayout.EXPORTS, DatedLayout.JSON_FILES);
  }

  /** Maps one record (public: the generators use it to know the event_id ingest will store). */
  public static final class Mapper implements JsonRecordsParser.RecordMapper {
    private static final long serialVersionUID = 1L;

    @Override
    public String source() {
      return NAME;
    }

    @Override
    public String shape(JsonNode r) {
      if (r.has("TimeGenerated")) {
        return "log_analytics";
      }
      if (r.has("properties") || r.has("time")) {
        return "diagnostic";
      }
      return "graph";
    }

    @Override
    public void map(JsonNode r, Object[] v) {
      // The diagnostic export wraps the Graph object in properties; Graph and Log Analytics are flat.
      JsonNode p = object(get(r, "properties"));
      if (p == null) {
        p = r;
      }
      String category = text(r, "category", "Category", "Type");
      boolean audit = category != null && category.equalsIgnoreCase("AuditLogs")
          || get(p, "activityDisplayName") != null || get(p, "ActivityDisplayName") != null;
      String id = textOrNull(p, "id", "Id");
      v[EventRow.EVENT_ID] = id;
      Instant time = JsonFields.time(r, "time", "TimeGenerated", "createdDateTime", "activityDateTime");
      v[EventRow.EVENT_TIME] = time;
      v[EventRow.EVENT_DATE] = time.atOffset(ZoneOffset.UTC).toLocalDate();
      String tenant = lower(text(r, "tenantId", "AADTenantId"));
      if (tenant == null) {
        tenant = lower(textOrNull(p, "tenantId", "homeTenantId", "resourceTenantId"));
      }
      if (tenant == null) {
        tenant = AzureIdentity.tenantOf(textOrNull(r, "resourceId"));
      }
      v[EventRow.ACCOUNT_ID] = tenant;
      v[EventRow.REGION] = "global";
      v[EventRow.EVENT_TYPE] = category;
      String correlation = textOrNull(r, "correlationId");
      if (correlation == null) {
        correlation = textOrNull(p, "correlationId");
      }
      if (audit) {
        auditRecord(r, p, tenant, v);
      } else {
        signIn(r, p, category, tenant, v);
      }
      if (id == null) {
        v[EventRow.EVENT_ID] = JsonFields.derivedId("entra", time.toString(), lower(correlation),
            (String) v[EventRow.ACTION], (String) v[EventRow.CREDENTIAL_ID], (String) v[EventRow.SOURCE_IP],
            (String) v[EventRow.ERROR_CODE], (String) v[EventRow.RESOURCE], json(p));
      }
      v[EventRow.REQUEST_JSON] = json(p);
    }

    private static void signIn(JsonNode r, JsonNode p, String category, String tenant, Object[] v) {
      String userId = text(p, "userId");
      String upn = text(p, "userPrincipalName");
      String appId = text(p, "appId");
      String spId = textOrNull(p, "servicePrincipalId");
      String spName = textOrNull(p, "servicePrincipalName");
      String cat = category == null ? "" : category.toLowerCase(Locale.ROOT);
      String action;
      boolean managed = cat.contains("managedidentity");
      boolean sp = managed || cat.contains("serviceprincipal")
          || (userId == null && upn == null && (spId != null || spName != null));
      if (managed) {
        action = "ManagedIdentitySignIn";
      } else if (sp) {
        action = "ServicePrincipalSignIn";
      } else if (cat.contains("noninteractive") || Boolean.FALSE.equals(bool(p, "isInteractive"))) {
        action = "NonInteractiveSignIn";
      } else {
        action = "SignIn";
      }
      v[EventRow.ACTION] = action;
      v[EventRow.SERVICE] = textOrNull(p, "resourceDisplayName");
      String appName = textOrNull(p, "appDisplayName");
      v[EventRow.RESOURCE] = appName != null ? appName : appId;
      String ip = text(p, "ipAddress");
      if (ip == null) {
        ip = text(r, "callerIpAddress");
      }
      v[EventRow.SOURCE_IP] = ip;
      v[EventRow.USER_AGENT] = textOrNull(p, "userAgent");
      if (sp) {
        v[EventRow.CREDENTIAL_TYPE] = managed ? "managed_identity" : "service_principal";
        v[EventRow.CREDENTIAL_ID] = AzureIdentity.credentialId(tenant, appId != null ? appId : spId);
        v[EventRow.PRINCIPAL] = spId != null ? spId : appId;
        v[EventRow.PRINCIPAL_NAME] = spName != null ? spName : appName;
        v[EventRow.PRINCIPAL_TYPE] = managed ? "ManagedIdentity" : "ServicePrincipal";
      } else {
        v[EventRow.CREDENTIAL_TYPE] = userId != null || upn != null ? "user" : "unknown";
        v[EventRow.CREDENTIAL_ID] = AzureIdentity.credentialId(tenant, userId != null ? userId : upn);
        v[EventRow.PRINCIPAL] = upn != null ? upn : userId;
        v[EventRow.PRINCIPAL_NAME] = textOrNull(p, "userDisplayName");
        v[EventRow.PRINCIPAL_TYPE] = textOrNull(p, "userType");
        v[EventRow.INVOKED_BY] = appId;
        String req = textOrNull(p, "authenticationRequirement");
        JsonNode mfaDetail = object(get(p, "mfaDetail"));
        if (req != null) {
          v[EventRow.MFA_AUTHENTICATED] = req.equalsIgnoreCase("multiFactorAuthentication")
              || (mfaDetail != null && textOrNull(mfaDetail, "authMethod") != null);
        } else if (mfaDetail != null) {
          v[EventRow.MFA_AUTHENTICATED] = textOrNull(mfaDetail, "authMethod") != null;
        }
      }
      // status.errorCode: 0 is success. Log Analytics and the diagnostic envelope also carry it as ResultType.
      JsonNode status = object(first(p, "status", "Status"));
      String code = status == null ? null : textOrNull(status, "errorCode");
      if (code == null) {
        code = textOrNull(r, "resultType", "ResultType");
      }
      boolean failed = code != null && !code.equals("0") && !code.equalsIgnoreCase("success");
      v[EventRow.OUTCOME] = failed ? "failure" : "success";
      if (failed) {
        v[EventRow.ERROR_CODE] = code;
        String reason = status == null ? null : textOrNull(status, "failureReason");
        v[EventRow.ERROR_MESSAGE] = reason != null ? reason : textOrNull(r, "resultDescription", "ResultDescription");
      }
    }

    private static void auditRecord(JsonNode r, JsonNode p, String tenant, Object[] v) {
      String activity = text(p, "activityDisplayName");
      if (activity == null) {
        activity = text(r, "operationName");
      }
      v[EventRow.ACTION] = activity == null ? null : activity.strip();
      v[EventRow.SERVICE] = textOrNull(p, "loggedByService");
      JsonNode initiated = object(get(p, "initiatedBy"));
      JsonNode user = initiated == null ? null : object(get(initiated, "user"));
      JsonNode app = initiated == null ? null : object(get(initiated, "app"));
      if (user != null && (textOrNull(user, "id") != null || textOrNull(user, "userPrincipalName") != null)) {
        String uid = textOrNull(user, "id");
        String upn = textOrNull(user, "userPrincipalName");
        v[EventRow.CREDENTIAL_TYPE] = "user";
        v[EventRow.CREDENTIAL_ID] = AzureIdentity.credentialId(tenant, uid != null ? uid : upn);
        v[EventRow.PRINCIPAL] = upn != null ? upn : uid;
        v[EventRow.PRINCIPAL_NAME] = textOrNull(user, "displayName");
        v[EventRow.PRINCIPAL_TYPE] = "User";
        v[EventRow.SOURCE_IP] = textOrNull(user, "ipAddress");
      } else if (app != null) {
        String appId = textOrNull(app, "appId");
        String spId = textOrNull(app, "servicePrincipalId");
        v[EventRow.CREDENTIAL_TYPE] = "service_principal";
        v[EventRow.CREDENTIAL_ID] = AzureIdentity.credentialId(tenant, appId != null ? appId : spId);
        v[EventRow.PRINCIPAL] = spId != null ? spId : appId;
        v[EventRow.PRINCIPAL_NAME] = textOrNull(app, "displayName");
        v[EventRow.PRINCIPAL_TYPE] = "ServicePrincipal";
      } else {
        v[EventRow.CREDENTIAL_TYPE] = "unknown";
      }
      if (v[EventRow.SOURCE_IP] == null) {
        v[EventRow.SOURCE_IP] = textOrNull(r, "callerIpAddress");
      }
      v[EventRow.USER_AGENT] = textOrNull(p, "UserAgent");
      JsonNode targets = get(p, "targetResources");
      if (targets != null && targets.isTextual()) {
        targets = JsonFields.array(targets);
      }
      if (targets != null && targets.isArray() && targets.size() > 0) {
        JsonNode t = targets.get(0);
        String tn = textOrNull(t, "displayName");
        v[EventRow.RESOURCE] = tn != null ? tn : textOrNull(t, "id");
      }
      v[EventRow.RESPONSE_JSON] = json(targets);
      String result = textOrNull(p, "result", "Result");
      if (result == null) {
        result = textOrNull(r, "resultType");
      }
      boolean failed = result != null && (result.equalsIgnoreCase("failure") || result.equalsIgnoreCase("failed"));
      v[EventRow.OUTCOME] = failed ? "failure" : "success";
      if (failed) {
        v[EventRow.ERROR_CODE] = "failure";
        v[EventRow.ERROR_MESSAGE] = textOrNull(p, "resultReason", "ResultReason");
      }
    }

    private static Boolean bool(JsonNode n, String name) {
      JsonNode b = get(n, name);
      if (b == null || b.isNull()) {
        return null;
      }
      if (b.isBoolean()) {
        return b.asBoolean();
      }
      String s = b.asText();
      return s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }
  }
}
