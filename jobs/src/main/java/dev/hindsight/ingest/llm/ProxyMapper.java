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
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One proxy log line through a {@link ProxyMapping}. The credential is the key the request was made with:
 * credential_id = {@code <credential_prefix><key id>} ({@code api_key}). A key id (key_is id) or a hash the
 * proxy made (key_is hash, 32+ hex digits) is kept as it is; anything else in the key field (key_is raw, or a
 * value that looks like key material: sk-..., a bearer token) is replaced, in the credential id and in raw, by
 * {@code hmac-<HMAC-SHA256 under HINDSIGHT_KEY_HASH_SECRET>}. action = the mapped action, else
 * {@code <method> <route>}, else default_action; resource = model, else route; status >= 400 (or a text status
 * other than success/ok) is a failure.
 */
final class ProxyMapper extends ContentMapper {
  private static final long serialVersionUID = 1L;
  private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{32,}");

  private final ProxyMapping m;
  private final String secret;
  private transient DateTimeFormatter format;

  ProxyMapper(ProxyMapping m, String secret) {
    this.m = m;
    this.secret = secret;
  }

  @Override
  public String source() {
    return ProxySource.NAME;
  }

  @Override
  void mapRecord(ObjectNode r, Events v) {
    String original = r.toString();
    for (String[] path : m.omit) {
      JsonNode n = r;
      for (int i = 0; i < path.length - 1 && n != null; i++) {
        n = n.get(path[i]);
      }
      if (n instanceof ObjectNode o && o.has(path[path.length - 1]) && !o.get(path[path.length - 1]).isNull()) {
        byte[] b = o.get(path[path.length - 1]).toString().getBytes(StandardCharsets.UTF_8);
        ObjectNode summary = o.putObject(path[path.length - 1]);
        summary.put("omitted_by_hindsight", true);
        summary.put("bytes", b.length);
        summary.put("sha256", dev.hindsight.lake.Hashes.sha256Hex(b));
      }
    }
    // The key first: whatever happens next, the record must not carry key material.
    JsonNode keyNode = m.get(r, "key");
    String key = keyNode == null ? null : keyNode.isValueNode() ? keyNode.asText() : null;
    String keyId = null;
    if (key != null) {
      boolean looksLikeKey = Secrets.looksLikeKey(key);
      if (m.keyIs.equals("id") && !looksLikeKey) {
        keyId = key;
        v.accessKeyId(key);
      } else if (m.keyIs.equals("hash") && !looksLikeKey && HEX_HASH.matcher(key).matches()) {
        keyId = key.toLowerCase(Locale.ROOT);
      } else {
        keyId = "hmac-" + Secrets.keyHash(secret, key);
        m.set(r, "key", keyId);
      }
    }
    String id;
    if (m.fields.containsKey("event_id")) {
      id = text(r, "event_id");
    } else {
      id = "sha256-" + dev.hindsight.lake.Hashes.sha256Hex(original.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
    v.eventId(id);
    setTime(v, instant(m.get(r, "timestamp"), "timestamp", m.timestampFormat == null ? null : format()));
    if (id == null) {
      throw new Bad(Reason.MISSING_EVENT_ID, "the record has no " + paths("event_id"));
    }
    v.service(m.service);
    v.eventType(m.name);
    String account = text(r, "account_id");
    v.accountId(account != null ? account : m.accountId);
    String region = text(r, "region");
    v.region(region != null ? region : m.region);
    String model = text(r, "model");
    String route = text(r, "route");
    String method = text(r, "method");
    String action = text(r, "action");
    if (action == null) {
      action = method != null && route != null ? method + " " + route : route != null ? route : m.defaultAction;
    }
    v.action(action);
    v.resource(model != null ? model : route);
    v.sourceIp(text(r, "client_ip"));
    v.userAgent(Secrets.scrubText(text(r, "user_agent")));
    v.tokensIn(number(r, "tokens_in"));
    v.tokensOut(number(r, "tokens_out"));
    String status = text(r, "status");
    boolean failed = failed(status);
    v.outcome(failed ? "failure" : "success");
    v.errorCode(failed ? status : null);
    String principal = text(r, "principal");
    String keyName = text(r, "key_name");
    v.principal(principal);
    v.principalName(keyName != null ? keyName : principal);
    v.principalType("api_key");
    if (keyId != null) {
      v.credentialId(m.credentialPrefix + keyId);
      v.credentialType("api_key");
    } else {
      v.credentialType("unknown");
    }
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("mapping", m.name);
    if (method != null) {
      req.put("method", method);
    }
    if (route != null) {
      req.put("route", route);
    }
    if (model != null) {
      req.put("model", model);
    }
    Long bytes = number(r, "bytes");
    if (bytes != null) {
      req.put("response_bytes", bytes);
    }
    v.requestJson(req.toString());
  }

  private DateTimeFormatter format() {
    if (format == null) {
      format = DateTimeFormatter.ofPattern(m.timestampFormat, Locale.ROOT);
    }
    return format;
  }

  static boolean failed(String status) {
    if (status == null) {
      return false;
    }
    String s = status.trim().toLowerCase(Locale.ROOT);
    if (s.matches("\\d{3}")) {
      return Integer.parseInt(s) >= 400;
    }
    return !(s.equals("success") || s.equals("ok") || s.equals("succeeded") || s.equals("completed"));
  }

  private String text(JsonNode r, String field) {
    JsonNode n = m.get(r, field);
    if (n == null) {
      return null;
    }
    if (n.isContainerNode()) {
      throw new Bad(Reason.WRONG_TYPE, paths(field) + " is an " + n.getNodeType().name().toLowerCase()
          + ", not a value");
    }
    return n.asText();
  }

  private Long number(JsonNode r, String field) {
    JsonNode n = m.get(r, field);
    if (n == null) {
      return null;
    }
    ObjectNode holder = JsonNodeFactory.instance.objectNode();
    holder.set(field, n);
    return lng(holder, field);
  }

  private String paths(String field) {
    StringBuilder b = new StringBuilder();
    for (String[] p : m.fields.getOrDefault(field, java.util.List.of())) {
      b.append(b.length() == 0 ? "" : " / ").append(String.join(".", p));
    }
    return b.toString();
  }

  @Override
  public String eventIdOf(JsonNode rec) {
    JsonNode n = m.get(rec, "event_id");
    return n != null && n.isValueNode() ? n.asText() : null;
  }
}
