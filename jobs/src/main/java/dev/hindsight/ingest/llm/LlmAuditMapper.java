package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.JsonFields.instant;
import static dev.hindsight.ingest.JsonFields.lng;
import static dev.hindsight.ingest.JsonFields.setTime;
import static dev.hindsight.ingest.JsonFields.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.JsonFields.Bad;
import dev.hindsight.ingest.Reason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One OpenAI ({@code GET /v1/organization/audit_logs}) or Anthropic (admin / compliance activity) audit event.
 *
 * <p>OpenAI: an object with {@code effective_at} (epoch seconds) or {@code object: organization.audit_log};
 * the actor is a {@code session} (user, ip_address, user_agent) or an {@code api_key}; the type-specific payload
 * is the field named like the type with dots as underscores ({@code api_key.created} -> {@code api_key_created}).
 * Anthropic: an object with {@code created_at} (ISO-8601) and {@code organization_id}; the actor is a
 * {@code user_actor} (user_id, email_address, ip_address, user_agent), an {@code api_actor} (api_key_id) or an
 * {@code unauthenticated_user_actor}.
 *
 * <p>Credentials: {@code openai:key/<id>} / {@code anthropic:key/<id>} ({@code api_key}) for actions done with
 * an API key; {@code openai:user/<id>} / {@code anthropic:user/<id>} ({@code user_session}) for user sessions;
 * none for unauthenticated actors. A key-creation event records the new key's credential id in response_json
 * ({@code created_credential_id}) and whether it was made for someone else ({@code created_for_other}: the
 * actor is itself a key, or the new key is an admin or service key), which feeds key_created_for_other and
 * new_key_used. Key values (sk-..., redacted_value) are never stored.
 */
final class LlmAuditMapper extends ContentMapper {
  private static final long serialVersionUID = 1L;
  /** Fields that hold key values or parts of them; dropped wherever they occur. */
  private static final Set<String> KEY_VALUE_FIELDS = Set.of("redacted_value", "partial_key_hint",
      "key_hint", "api_key_value", "secret");

  @Override
  public String source() {
    return LlmAuditSource.NAME;
  }

  @Override
  void mapRecord(ObjectNode r, Events v) {
    dropKeyValues(r);
    if (r.has("effective_at") || "organization.audit_log".equals(r.path("object").asText())) {
      openai(r, v);
      return;
    }
    if (r.has("created_at") && (r.has("organization_id") || r.path("actor").has("type"))) {
      anthropic(r, v);
      return;
    }
    v.eventId(str(r, "id"));
    throw new Bad(r.has("type") ? Reason.MISSING_EVENT_TIME : Reason.UNRECOGNIZED_SHAPE,
        r.has("type") ? "the record has no effective_at (OpenAI) or created_at (Anthropic)"
            : "neither an OpenAI nor an Anthropic audit event (no type, effective_at or created_at)");
  }

  private static void openai(ObjectNode r, Events v) {
    String id = str(r, "id");
    v.eventId(id);
    setTime(v, instant(r.get("effective_at"), "effective_at", null));
    if (id == null) {
      throw new Bad(Reason.MISSING_EVENT_ID, "the record has no id");
    }
    String type = str(r, "type");
    v.service("openai");
    v.eventType("organization.audit_log");
    v.action(type);
    JsonNode project = r.path("project");
    v.accountId(str(r, "organization_id") != null ? str(r, "organization_id") : "openai");
    JsonNode payload = type == null ? null : r.get(type.replace('.', '_'));
    v.requestJson(payload == null || payload.isNull() ? null : payload.toString());
    v.resource(payload != null && payload.isObject() && payload.path("id").isTextual()
        ? payload.get("id").asText() : project.isObject() ? str(project, "id") : null);
    boolean failed = type != null && (type.endsWith(".failed") || type.endsWith("_failed"));
    v.outcome(failed ? "failure" : "success");
    if (failed && payload != null) {
      v.errorCode(str(payload, "error_code"));
      v.errorMessage(str(payload, "error_message"));
    }
    JsonNode actor = r.path("actor");
    String actorType = str(actor, "type");
    v.principalType(actorType);
    String actorUser = null;
    if ("session".equals(actorType)) {
      JsonNode s = actor.path("session");
      JsonNode user = s.path("user");
      actorUser = str(user, "id");
      String email = str(user, "email");
      v.credentialId(actorUser != null ? "openai:user/" + actorUser : email != null ? "openai:user/"
          + email : null);
      v.credentialType("user_session");
      v.principal(email != null ? email : actorUser);
      v.principalName(email != null ? email : actorUser);
      v.sourceIp(str(s, "ip_address"));
      v.userAgent(str(s, "user_agent"));
    } else if ("api_key".equals(actorType)) {
      JsonNode k = actor.path("api_key");
      String keyId = str(k, "id");
      v.credentialId(keyId == null ? null : "openai:key/" + keyId);
      v.credentialType("api_key");
      v.accessKeyId(keyId);
      String owner = str(k.path("user"), "email");
      String ownerId = str(k.path("user"), "id");
      String sa = str(k.path("service_account"), "id");
      v.principal(owner != null ? owner : ownerId != null ? ownerId : sa);
      v.principalName(v.principal());
      v.principalType("api_key:" + (str(k, "type") == null ? "unknown" : str(k, "type")));
      v.sourceIp(str(k, "ip_address"));
      v.userAgent(str(k, "user_agent"));
    } else {
      v.credentialType("unknown");
    }
    if ("api_key.created".equals(type) && payload != null && payload.isObject()) {
      String newKey = str(payload, "id");
      if (newKey != null) {
        JsonNode data = payload.path("data");
        String owner = firstNonNull(str(data.path("owner"), "id"), str(data, "service_account_id"),
            str(data, "user_id"));
        boolean serviceKey = "service_account".equals(str(data.path("owner"), "type")) || data.has("service_account_id");
        boolean forOther = "api_key".equals(actorType) || serviceKey
            || owner != null && actorUser != null && !owner.equals(actorUser);
        v.responseJson(created("openai:key/" + newKey, forOther));
      }
    }
  }

  private static void anthropic(ObjectNode r, Events v) {
    String id = str(r, "id");
    v.eventId(id);
    setTime(v, instant(r.get("created_at"), "created_at", null));
    if (id == null) {
      throw new Bad(Reason.MISSING_EVENT_ID, "the record has no id");
    }
    String type = str(r, "type");
    v.service("anthropic");
    v.eventType("audit_event");
    v.action(type);
    v.accountId(str(r, "organization_id"));
    boolean failed = type != null && (type.endsWith("_failed") || type.endsWith(".failed"));
    v.outcome(failed ? "failure" : "success");
    ObjectNode details = r.deepCopy();
    details.remove(List.of("id", "created_at", "organization_id", "type", "actor"));
    v.requestJson(details.isEmpty() ? null : details.toString());
    v.resource(firstNonNull(str(r, "resource_id"), str(r, "claude_chat_id"), str(r, "claude_artifact_id"),
        str(r, "mcp_server_id"), str(r, "target_id"), str(r, "deleted_user_id"), keyIdOf(r)));
    JsonNode actor = r.path("actor");
    String actorType = str(actor, "type");
    v.principalType(actorType);
    v.sourceIp(str(actor, "ip_address"));
    v.userAgent(str(actor, "user_agent"));
    String actorUser = null;
    if ("user_actor".equals(actorType)) {
      actorUser = str(actor, "user_id");
      String email = str(actor, "email_address");
      String who = actorUser != null ? actorUser : email;
      v.credentialId(who == null ? null : "anthropic:user/" + who);
      v.credentialType("user_session");
      v.principal(email != null ? email : actorUser);
      v.principalName(v.principal());
    } else if ("api_actor".equals(actorType)) {
      String keyId = str(actor, "api_key_id");
      v.credentialId(keyId == null ? null : "anthropic:key/" + keyId);
      v.credentialType("api_key");
      v.accessKeyId(keyId);
      v.principal(keyId);
      v.principalName(keyId);
    } else {
      v.credentialType("unauthenticated_user_actor".equals(actorType) ? "anonymous" : "unknown");
    }
    if (type != null && type.endsWith("key_created")) {
      String newKey = keyIdOf(r);
      boolean adminOrService = type.startsWith("admin_") || type.startsWith("service_");
      boolean forOther = "api_actor".equals(actorType) || adminOrService;
      v.responseJson(newKey == null ? created(null, forOther) : created("anthropic:key/" + newKey, forOther));
    }
  }

  /** The id of the key an Anthropic key event is about, under the names the events use. */
  private static String keyIdOf(JsonNode r) {
    return firstNonNull(str(r, "api_key_id"), str(r, "admin_api_key_id"), str(r, "service_key_id"), str(r, "key_id"));
  }

  static String created(String credentialId, boolean forOther) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (credentialId != null) {
      o.put("created_credential_id", credentialId);
    }
    o.put("created_for_other", forOther);
    return o.toString();
  }

  private static String firstNonNull(String... s) {
    for (String x : s) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  /** Removes key values (or hints of them) anywhere in the record. */
  static void dropKeyValues(JsonNode n) {
    if (n instanceof ObjectNode obj) {
      List<String> drop = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (KEY_VALUE_FIELDS.contains(e.getKey()) && e.getValue().isTextual()) {
          drop.add(e.getKey());
        } else if (e.getValue().isContainerNode()) {
          dropKeyValues(e.getValue());
        }
      }
      for (String d : drop) {
        obj.put(d, dev.hindsight.ingest.Redactor.MARK);
      }
    } else if (n != null && n.isArray()) {
      for (JsonNode c : n) {
        dropKeyValues(c);
      }
    }
  }

  @Override
  public String eventIdOf(JsonNode rec) {
    JsonNode n = rec.get("id");
    return n != null && n.isTextual() ? n.asText() : null;
  }
}
