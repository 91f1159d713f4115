package dev.hindsight.ingest.cloudtrail;

import static dev.hindsight.ingest.JsonFields.clip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.JsonFields;
import dev.hindsight.ingest.JsonFields.Bad;
import dev.hindsight.ingest.Reason;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Maps one CloudTrail record onto the events columns, and decides which credential it belongs to:
 * <ul>
 *   <li>a long-term key (AKIA...) of an IAM user is its own credential ({@code access_key});</li>
 *   <li>a temporary key (ASIA...) of an assumed role belongs to the role that issued the session
 *       ({@code role_session}, credential_id = the role ARN); the key id stays in access_key_id;</li>
 *   <li>an IAM user's console or GetSessionToken session belongs to the user ({@code console_session} or
 *       {@code user_session}, credential_id = the user ARN);</li>
 *   <li>root ({@code root}), AWS services ({@code aws_service}, credential_id = the service), federation
 *       sessions ({@code federated_session}, the issuing user), and the identity types CloudTrail names
 *       (Identity Center, SAML, web identity, another account) each get their own type.</li>
 * </ul>
 */
public final class CloudTrailMapper {
  public record Problem(Reason reason, String detail) {}

  private CloudTrailMapper() {}

  /** Fills v; returns null on success or the reason the record cannot be an event. */
  public static Problem map(JsonNode r, Events v) {
    try {
      String eventId = str(r, "eventID");
      v.eventId(eventId);
      Instant time = time(r);
      v.eventTime(time);
      v.eventDate(time.atOffset(ZoneOffset.UTC).toLocalDate());
      if (eventId == null || eventId.isBlank()) {
        return new Problem(Reason.MISSING_EVENT_ID, "the record has no eventID");
      }
      v.eventType(str(r, "eventType"));
      v.region(str(r, "awsRegion"));
      v.service(str(r, "eventSource"));
      v.action(str(r, "eventName"));
      String errorCode = str(r, "errorCode");
      v.errorCode(errorCode);
      v.errorMessage(str(r, "errorMessage"));
      v.sourceIp(str(r, "sourceIPAddress"));
      v.userAgent(str(r, "userAgent"));
      v.readOnly(bool(r, "readOnly"));
      JsonNode request = r.get("requestParameters");
      JsonNode response = r.get("responseElements");
      v.requestJson(request == null || request.isNull() ? null : request.toString());
      v.responseJson(response == null || response.isNull() ? null : response.toString());
      boolean consoleFailure = response != null && "Failure".equals(response.path("ConsoleLogin").asText(null));
      v.outcome(errorCode != null || consoleFailure ? "failure" : "success");
      v.resource(resource(r, request));
      identity(r, v);
      String account = str(r, "recipientAccountId");
      v.accountId(account != null ? account : accountFromIdentity(r));
      return null;
    } catch (Bad b) {
      return new Problem(b.reason(), b.getMessage());
    }
  }

  private static Instant time(JsonNode r) {
    JsonNode t = r.get("eventTime");
    String field = "eventTime";
    if (t == null || t.isNull()) {
      t = r.get("@timestamp"); // CloudTrail shipped through Logstash keeps the time only here
      field = "@timestamp";
    }
    if (t == null || t.isNull()) {
      throw new Bad(Reason.MISSING_EVENT_TIME, "the record has no eventTime");
    }
    if (!t.isTextual()) {
      throw new Bad(Reason.WRONG_TYPE, field + " is a " + t.getNodeType().name().toLowerCase() + ", not a string");
    }
    String s = t.asText();
    try {
      return JsonFields.iso(s);
    } catch (DateTimeParseException e) {
      throw new Bad(Reason.BAD_EVENT_TIME, field + " '" + clip(s) + "' is not an ISO-8601 timestamp");
    }
  }

  private static void identity(JsonNode r, Events v) {
    JsonNode id = r.get("userIdentity");
    if (id == null || id.isNull()) {
      v.credentialType("unknown");
      return;
    }
    if (!id.isObject()) {
      throw new Bad(Reason.WRONG_TYPE, "userIdentity is not an object");
    }
    String type = str(id, "type");
    String arn = str(id, "arn");
    String key = str(id, "accessKeyId");
    String userName = str(id, "userName");
    String invokedBy = str(id, "invokedBy");
    JsonNode ctx = id.path("sessionContext");
    JsonNode issuer = ctx.path("sessionIssuer");
    String issuerArn = issuer.isObject() ? str(issuer, "arn") : null;
    String issuerName = issuer.isObject() ? str(issuer, "userName") : null;
    JsonNode mfa = ctx.path("attributes").path("mfaAuthenticated");
    v.principalType(type);
    v.principal(arn);
    v.accessKeyId(key == null || key.isBlank() ? null : key);
    v.sessionIssuer(issuerArn);
    v.invokedBy(invokedBy);
    v.mfaAuthenticated(mfa.isMissingNode() || mfa.isNull() ? null
        : mfa.isBoolean() ? mfa.asBoolean() : Boolean.valueOf("true".equalsIgnoreCase(mfa.asText())));
    String credential;
    String credentialType;
    String name = userName;
    String t = type == null ? "" : type;
    switch (t) {
      case "IAMUser" -> {
        if (key != null && key.startsWith("AKIA")) {
          credential = key;
          credentialType = "access_key";
        } else {
          credential = arn;
          credentialType = isConsole(r) ? "console_session" : "user_session";
        }
      }
      case "AssumedRole" -> {
        credential = issuerArn != null ? issuerArn : roleArnFromSession(arn);
        credentialType = "role_session";
        name = issuerName != null ? issuerName : lastPart(credential);
        v.sessionName(arn == null ? null : lastPart(arn));
      }
      case "Root" -> {
        credential = arn != null ? arn : "arn:aws:iam::" + str(id, "accountId") + ":root";
        credentialType = "root";
        name = "root";
      }
      case "AWSService" -> {
        credential = invokedBy;
        credentialType = "aws_service";
        name = invokedBy;
        v.principal(invokedBy);
      }
      case "FederatedUser" -> {
        credential = issuerArn != null ? issuerArn : arn;
        credentialType = "federated_session";
        name = issuerName != null ? issuerName : lastPart(arn);
      }
      case "AWSAccount" -> {
        String acct = str(id, "accountId");
        String principalId = str(id, "principalId");
        credential = "aws-account:" + (acct != null ? acct : principalId);
        credentialType = "anonymous".equals(acct) ? "anonymous" : "aws_account";
        v.principal(principalId != null && !principalId.isBlank() ? principalId : acct);
      }
      case "IdentityCenterUser" -> {
        credential = arn != null ? arn : str(id, "principalId");
        credentialType = "identity_center";
      }
      case "SAMLUser" -> {
        credential = userName != null ? "saml:" + userName : str(id, "principalId");
        credentialType = "saml";
        v.principal(arn != null ? arn : userName);
      }
      case "WebIdentityUser" -> {
        credential = userName != null ? "web-identity:" + userName : str(id, "principalId");
        credentialType = "web_identity";
        v.principal(arn != null ? arn : userName);
      }
      default -> {
        if (type == null && invokedBy != null) {
          // Service-initiated events sometimes carry only accountId and invokedBy.
          credential = invokedBy;
          credentialType = "aws_service";
          name = invokedBy;
          v.principal(invokedBy);
        } else {
          credential = arn != null ? arn : key != null ? key : str(id, "principalId");
          credentialType = "unknown";
        }
      }
    }
    v.credentialId(credential);
    v.credentialType(credentialType);
    v.principalName(name != null ? name : arn == null ? null : lastPart(arn));
  }

  private static boolean isConsole(JsonNode r) {
    if ("AwsConsoleSignIn".equals(r.path("eventType").asText())) {
      return true;
    }
    String ua = r.path("userAgent").asText("");
    return ua.startsWith("console.") || ua.contains("console.amazonaws.com") || ua.startsWith("signin.amazonaws.com")
        || "AWS Internal".equals(ua);
  }

  /** arn:aws:sts::123:assumed-role/Role/session -> arn:aws:iam::123:role/Role */
  public static String roleArnFromSession(String arn) {
    if (arn == null) {
      return null;
    }
    int i = arn.indexOf(":assumed-role/");
    if (i < 0) {
      return arn;
    }
    String head = arn.substring(0, i).replace(":sts:", ":iam:");
    String rest = arn.substring(i + ":assumed-role/".length());
    int slash = rest.lastIndexOf('/');
    return head + ":role/" + (slash < 0 ? rest : rest.substring(0, slash));
  }

  private static String accountFromIdentity(JsonNode r) {
    JsonNode id = r.get("userIdentity");
    return id != null && id.isObject() ? str(id, "accountId") : null;
  }

  private static String resource(JsonNode r, JsonNode request) {
    if (request != null && request.isObject()) {
      for (String f : new String[] {"modelId", "secretId", "bucketName", "userName", "roleName", "trailName",
          "name"}) {
        JsonNode n = request.get(f);
        if (n != null && n.isTextual()) {
          return n.asText();
        }
      }
    }
    JsonNode resources = r.get("resources");
    if (resources != null && resources.isArray() && !resources.isEmpty()) {
      JsonNode a = resources.get(0).get("ARN");
      if (a != null && a.isTextual()) {
        return a.asText();
      }
    }
    return null;
  }

  private static String str(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new Bad(Reason.WRONG_TYPE, field + " is a " + v.getNodeType().name().toLowerCase() + ", not a string");
    }
    return v.asText();
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual() && ("true".equalsIgnoreCase(v.asText()) || "false".equalsIgnoreCase(v.asText()))) {
      return Boolean.valueOf(v.asText().toLowerCase());
    }
    throw new Bad(Reason.WRONG_TYPE, field + " is not a boolean");
  }

  private static String lastPart(String s) {
    if (s == null) {
      return null;
    }
    int i = s.lastIndexOf('/');
    return i < 0 ? s : s.substring(i + 1);
  }
}
