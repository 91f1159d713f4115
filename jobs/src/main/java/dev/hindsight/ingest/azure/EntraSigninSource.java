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
import dev.hindsight.lake.tables.Events;
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
    public void map(JsonNode r, Events v) {
      // The diagnostic export wraps the Graph object in properties; Graph and Log Analytics are flat.
      JsonNode p = object(get(r, "properties"));
      if (p == null) {
        p = r;
      }
      String category = text(r, "category", "Category", "Type");
      boolean audit = category != null && category.equalsIgnoreCase("AuditLogs")
          || get(p, "activityDisplayName") != null || get(p, "ActivityDisplayName") != null;
      String id = textOrNull(p, "id", "Id");
      v.eventId(id);
      Instant time = JsonFields.time(r, "time", "TimeGenerated", "createdDateTime", "activityDateTime");
      v.eventTime(time);
      v.eventDate(time.atOffset(ZoneOffset.UTC).toLocalDate());
      String tenant = lower(text(r, "tenantId", "AADTenantId"));
      if (tenant == null) {
        tenant = lower(textOrNull(p, "tenantId", "homeTenantId", "resourceTenantId"));
      }
      if (tenant == null) {
        tenant = AzureIdentity.tenantOf(textOrNull(r, "resourceId"));
      }
      v.accountId(tenant);
      v.region("global");
      v.eventType(category);
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
        v.eventId(JsonFields.derivedId("entra", time.toString(), lower(correlation),
            v.action(), v.credentialId(), v.sourceIp(),
            v.errorCode(), v.resource(), json(p)));
      }
      v.requestJson(json(p));
    }

    private static void signIn(JsonNode r, JsonNode p, String category, String tenant, Events v) {
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
      v.action(action);
      v.service(textOrNull(p, "resourceDisplayName"));
      String appName = textOrNull(p, "appDisplayName");
      v.resource(appName != null ? appName : appId);
      String ip = text(p, "ipAddress");
      if (ip == null) {
        ip = text(r, "callerIpAddress");
      }
      v.sourceIp(ip);
      v.userAgent(textOrNull(p, "userAgent"));
      if (sp) {
        v.credentialType(managed ? "managed_identity" : "service_principal");
        v.credentialId(AzureIdentity.credentialId(tenant, appId != null ? appId : spId));
        v.principal(spId != null ? spId : appId);
        v.principalName(spName != null ? spName : appName);
        v.principalType(managed ? "ManagedIdentity" : "ServicePrincipal");
      } else {
        v.credentialType(userId != null || upn != null ? "user" : "unknown");
        v.credentialId(AzureIdentity.credentialId(tenant, userId != null ? userId : upn));
        v.principal(upn != null ? upn : userId);
        v.principalName(textOrNull(p, "userDisplayName"));
        v.principalType(textOrNull(p, "userType"));
        v.invokedBy(appId);
        String req = textOrNull(p, "authenticationRequirement");
        JsonNode mfaDetail = object(get(p, "mfaDetail"));
        if (req != null) {
          v.mfaAuthenticated(req.equalsIgnoreCase("multiFactorAuthentication")
              || (mfaDetail != null && textOrNull(mfaDetail, "authMethod") != null));
        } else if (mfaDetail != null) {
          v.mfaAuthenticated(textOrNull(mfaDetail, "authMethod") != null);
        }
      }
      // status.errorCode: 0 is success. Log Analytics and the diagnostic envelope also carry it as ResultType.
      JsonNode status = object(first(p, "status", "Status"));
      String code = status == null ? null : textOrNull(status, "errorCode");
      if (code == null) {
        code = textOrNull(r, "resultType", "ResultType");
      }
      boolean failed = code != null && !code.equals("0") && !code.equalsIgnoreCase("success");
      v.outcome(failed ? "failure" : "success");
      if (failed) {
        v.errorCode(code);
        String reason = status == null ? null : textOrNull(status, "failureReason");
        v.errorMessage(reason != null ? reason : textOrNull(r, "resultDescription", "ResultDescription"));
      }
    }

    private static void auditRecord(JsonNode r, JsonNode p, String tenant, Events v) {
      String activity = text(p, "activityDisplayName");
      if (activity == null) {
        activity = text(r, "operationName");
      }
      v.action(activity == null ? null : activity.strip());
      v.service(textOrNull(p, "loggedByService"));
      JsonNode initiated = object(get(p, "initiatedBy"));
      JsonNode user = initiated == null ? null : object(get(initiated, "user"));
      JsonNode app = initiated == null ? null : object(get(initiated, "app"));
      if (user != null && (textOrNull(user, "id") != null || textOrNull(user, "userPrincipalName") != null)) {
        String uid = textOrNull(user, "id");
        String upn = textOrNull(user, "userPrincipalName");
        v.credentialType("user");
        v.credentialId(AzureIdentity.credentialId(tenant, uid != null ? uid : upn));
        v.principal(upn != null ? upn : uid);
        v.principalName(textOrNull(user, "displayName"));
        v.principalType("User");
        v.sourceIp(textOrNull(user, "ipAddress"));
      } else if (app != null) {
        String appId = textOrNull(app, "appId");
        String spId = textOrNull(app, "servicePrincipalId");
        v.credentialType("service_principal");
        v.credentialId(AzureIdentity.credentialId(tenant, appId != null ? appId : spId));
        v.principal(spId != null ? spId : appId);
        v.principalName(textOrNull(app, "displayName"));
        v.principalType("ServicePrincipal");
      } else {
        v.credentialType("unknown");
      }
      if (v.sourceIp() == null) {
        v.sourceIp(textOrNull(r, "callerIpAddress"));
      }
      v.userAgent(textOrNull(p, "UserAgent"));
      JsonNode targets = get(p, "targetResources");
      if (targets != null && targets.isTextual()) {
        targets = JsonFields.array(targets);
      }
      if (targets != null && targets.isArray() && targets.size() > 0) {
        JsonNode t = targets.get(0);
        String tn = textOrNull(t, "displayName");
        v.resource(tn != null ? tn : textOrNull(t, "id"));
      }
      v.responseJson(json(targets));
      String result = textOrNull(p, "result", "Result");
      if (result == null) {
        result = textOrNull(r, "resultType");
      }
      boolean failed = result != null && (result.equalsIgnoreCase("failure") || result.equalsIgnoreCase("failed"));
      v.outcome(failed ? "failure" : "success");
      if (failed) {
        v.errorCode("failure");
        v.errorMessage(textOrNull(p, "resultReason", "ResultReason"));
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
