package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.JsonFields.instant;
import static dev.hindsight.ingest.JsonFields.setTime;
import static dev.hindsight.ingest.JsonFields.str;
import static dev.hindsight.ingest.llm.UsageBuckets.dim;
import static dev.hindsight.ingest.llm.UsageBuckets.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.JsonFields;
import dev.hindsight.ingest.JsonFields.Bad;
import dev.hindsight.ingest.Reason;
import dev.hindsight.lake.tables.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Anthropic Admin API's usage data, as {@code hindsight pull anthropic-usage} (or any puller) saves its pages:
 * <ul>
 *   <li>the Messages usage report ({@code GET /v1/organizations/usage_report/messages}): buckets
 *       ({@code starting_at}, {@code ending_at}, 1m / 1h / 1d wide) whose {@code results} rows are grouped by
 *       {@code api_key_id}, {@code workspace_id}, {@code model}, {@code service_tier}, {@code context_window}
 *       (and {@code inference_geo}); a dimension not grouped by is null. One event per bucket x row:
 *       credential {@code anthropic:key/<api_key_id>} (the id {@code llm-audit} gives the same key), or
 *       {@code anthropic:console/<workspace>} when api_key_id is null (Workbench and console traffic);
 *       tokens_in = uncached + cache reads + cache writes (5m and 1h), tokens_out = output tokens; resource the
 *       model; region the inference geo when grouped by it. action {@code messages.usage};</li>
 *   <li>the Claude Code usage report ({@code GET /v1/organizations/usage_report/claude_code}): one row per actor
 *       and day; the actor a user ({@code anthropic:user/<email>}) or an API key by name
 *       ({@code anthropic:key-name/<name>}: the report gives no key id); tokens summed over its
 *       {@code model_breakdown}. action {@code claude_code.usage};</li>
 *   <li>the API key list ({@code GET /v1/organizations/api_keys}): one event per key at its {@code created_at},
 *       action {@code api_key_created} by its {@code created_by} (as {@code llm-audit} names the creation), with
 *       name, status and workspace in request_json. The key's {@code partial_key_hint} is never stored.</li>
 * </ul>
 *
 * <p>event_id is derived from the row's identity (the report, the bucket's bounds and every dimension; the
 * actor and day; the key id), never from its counts, so a page pulled again adds nothing. A bucket is read as
 * final: {@code pull} writes only buckets that ended before it ran.
 */
final class AnthropicUsageMapper extends ContentMapper {
  private static final long serialVersionUID = 1L;
  static final String[] MESSAGE_DIMENSIONS = {"api_key_id", "workspace_id", "model", "service_tier",
      "context_window", "inference_geo", "account_id", "service_account_id", "speed"};

  @Override
  public String source() {
    return AnthropicUsageSource.NAME;
  }

  @Override
  public List<JsonNode> split(JsonNode rec) {
    return UsageBuckets.isBucket(rec, "starting_at") ? UsageBuckets.rows(rec, "starting_at", "ending_at")
        : List.of(rec);
  }

  @Override
  void mapRecord(ObjectNode r, Events v) {
    LlmAuditMapper.dropKeyValues(r);
    if (r.has("starting_at")) {
      messages(r, v);
    } else if ("api_key".equals(str(r, "type")) && r.has("id")) {
      apiKey(r, v);
    } else if (r.has("actor") && r.has("date")) {
      claudeCode(r, v);
    } else {
      throw new Bad(Reason.UNRECOGNIZED_SHAPE, "neither a usage report bucket (starting_at, results), a Claude"
          + " Code usage row (date, actor) nor an API key (type api_key)");
    }
  }

  private static void messages(ObjectNode r, Events v) {
    Instant start = instant(r.get("starting_at"), "starting_at", null);
    Instant end = r.hasNonNull("ending_at") ? instant(r.get("ending_at"), "ending_at", null) : null;
    v.eventId(UsageBuckets.eventId("anthropic-usage/messages", start, end, MESSAGE_DIMENSIONS, n -> dim(r, n)));
    setTime(v, start);
    JsonNode cache = r.path("cache_creation");
    long uncached = tokens(r, "uncached_input_tokens");
    long cacheRead = tokens(r, "cache_read_input_tokens");
    long cacheWrite = tokens(cache, "ephemeral_5m_input_tokens") + tokens(cache, "ephemeral_1h_input_tokens");
    long out = tokens(r, "output_tokens");
    long webSearches = tokens(r.path("server_tool_use"), "web_search_requests");
    v.eventType("usage_report.messages");
    v.service("anthropic");
    v.action("messages.usage");
    v.outcome("success");
    String key = dim(r, "api_key_id");
    String workspace = dim(r, "workspace_id");
    v.accountId(workspace != null ? workspace : "anthropic");
    v.region(dim(r, "inference_geo"));
    v.resource(dim(r, "model"));
    if (key != null) {
      v.credentialId("anthropic:key/" + key);
      v.credentialType("api_key");
      v.accessKeyId(key);
      v.principal(key);
      v.principalName(key);
      v.principalType("api_key");
    } else {
      v.credentialId("anthropic:console/" + (workspace != null ? workspace : "default"));
      v.credentialType("console");
      v.principalType("console");
    }
    v.tokensIn(uncached + cacheRead + cacheWrite);
    v.tokensOut(out);
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("bucket_width", width(start, end));
    req.set("group", UsageBuckets.dimensions(r, MESSAGE_DIMENSIONS));
    v.requestJson(req.toString());
    ObjectNode resp = JsonNodeFactory.instance.objectNode();
    resp.put("uncached_input_tokens", uncached);
    resp.put("cache_read_input_tokens", cacheRead);
    resp.put("cache_creation_input_tokens", cacheWrite);
    resp.put("output_tokens", out);
    resp.put("web_search_requests", webSearches);
    v.responseJson(resp.toString());
  }

  private static void claudeCode(ObjectNode r, Events v) {
    Instant day = instant(r.get("date"), "date", null);
    JsonNode actor = r.path("actor");
    String type = str(actor, "type");
    String email = str(actor, "email_address");
    String keyName = str(actor, "api_key_name");
    v.eventId(JsonFields.derivedId("anthropic-usage/claude_code", day.toString(), type, email, keyName,
        str(r, "terminal_type"), str(r, "customer_type")));
    setTime(v, day);
    v.eventType("usage_report.claude_code");
    v.service("anthropic");
    v.action("claude_code.usage");
    v.outcome("success");
    v.accountId(str(r, "organization_id") != null ? str(r, "organization_id") : "anthropic");
    v.principalType(type);
    if (keyName != null) {
      v.credentialId("anthropic:key-name/" + keyName);
      v.credentialType("api_key");
      v.principal(keyName);
      v.principalName(keyName);
    } else if (email != null) {
      v.credentialId("anthropic:user/" + email);
      v.credentialType("user_session");
      v.principal(email);
      v.principalName(email);
    } else {
      throw new Bad(Reason.UNRECOGNIZED_SHAPE, "a Claude Code usage row whose actor has neither email_address"
          + " nor api_key_name");
    }
    long in = 0;
    long out = 0;
    String top = null;
    long topTokens = -1;
    JsonNode breakdown = r.path("model_breakdown");
    if (!breakdown.isMissingNode() && !breakdown.isNull() && !breakdown.isArray()) {
      throw new Bad(Reason.WRONG_TYPE, "model_breakdown is not an array");
    }
    for (JsonNode m : breakdown) {
      JsonNode t = m.path("tokens");
      long mi = tokens(t, "input") + tokens(t, "cache_read") + tokens(t, "cache_creation");
      long mo = tokens(t, "output");
      in += mi;
      out += mo;
      if (mi + mo > topTokens) {
        topTokens = mi + mo;
        top = str(m, "model");
      }
    }
    v.tokensIn(in);
    v.tokensOut(out);
    v.resource(top);
    v.userAgent(str(r, "terminal_type"));
  }

  private static void apiKey(ObjectNode r, Events v) {
    String key = str(r, "id");
    v.eventId(JsonFields.derivedId("anthropic-usage/api_key", key));
    setTime(v, instant(r.get("created_at"), "created_at", null));
    v.eventType("api_key_list");
    v.service("anthropic");
    v.action("api_key_created");
    v.outcome("success");
    v.resource(key);
    String workspace = str(r, "workspace_id");
    v.accountId(workspace != null ? workspace : "anthropic");
    JsonNode by = r.path("created_by");
    String byId = str(by, "id");
    String byType = str(by, "type");
    v.principalType(byType);
    if (byId != null) {
      boolean user = byType == null || "user".equals(byType);
      v.credentialId((user ? "anthropic:user/" : "anthropic:key/") + byId);
      v.credentialType(user ? "user_session" : "api_key");
      v.principal(byId);
      v.principalName(byId);
    }
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("name", str(r, "name"));
    req.put("status", str(r, "status"));
    req.put("workspace_id", workspace);
    v.requestJson(req.toString());
    v.responseJson(LlmAuditMapper.created("anthropic:key/" + key, byType != null && !"user".equals(byType)));
  }

  /** 1m, 1h, 1d (or the seconds) from a bucket's bounds; null without an end. */
  static String width(Instant start, Instant end) {
    if (end == null) {
      return null;
    }
    long s = Duration.between(start, end).getSeconds();
    return s == 60 ? "1m" : s == 3600 ? "1h" : s == 86400 ? "1d" : s + "s";
  }

  @Override
  public String eventIdOf(JsonNode rec) {
    return null;
  }
}
