package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.JsonFields.instant;
import static dev.hindsight.ingest.JsonFields.setTime;
import static dev.hindsight.ingest.llm.UsageBuckets.dim;
import static dev.hindsight.ingest.llm.UsageBuckets.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.JsonFields.Bad;
import dev.hindsight.ingest.Reason;
import dev.hindsight.lake.tables.Events;
import java.time.Instant;
import java.util.List;

/**
 * The OpenAI organization usage API for completions ({@code GET /v1/organization/usage/completions}): buckets
 * ({@code object: bucket}, {@code start_time} / {@code end_time} in Unix seconds) whose {@code results} rows
 * ({@code organization.usage.completions.result}) are grouped by {@code project_id}, {@code api_key_id},
 * {@code model}, {@code user_id}, {@code batch}, {@code service_tier} (null when not grouped by). One event per
 * bucket x row: credential {@code openai:key/<api_key_id>} (the id {@code llm-audit} gives the same key), else
 * {@code openai:user/<user_id>}, else none (usage not grouped by key is counted for the project, never scored
 * as a credential); tokens_in = input_tokens (which includes the cached ones), tokens_out = output_tokens;
 * resource the model; the request count and cached tokens in response_json. action {@code completions.usage}.
 * event_id is derived from the bucket's bounds and every dimension, never the counts.
 */
final class OpenAiUsageMapper extends ContentMapper {
  private static final long serialVersionUID = 1L;
  static final String[] DIMENSIONS = {"project_id", "api_key_id", "model", "user_id", "batch", "service_tier",
      "api_source"};

  @Override
  public String source() {
    return OpenAiUsageSource.NAME;
  }

  @Override
  public List<JsonNode> split(JsonNode rec) {
    return UsageBuckets.isBucket(rec, "start_time") ? UsageBuckets.rows(rec, "start_time", "end_time")
        : List.of(rec);
  }

  @Override
  void mapRecord(ObjectNode r, Events v) {
    if (!r.has("start_time")) {
      throw new Bad(Reason.UNRECOGNIZED_SHAPE, "not a usage bucket (no start_time and results)");
    }
    Instant start = instant(r.get("start_time"), "start_time", null);
    Instant end = r.hasNonNull("end_time") ? instant(r.get("end_time"), "end_time", null) : null;
    v.eventId(UsageBuckets.eventId("openai-usage/completions", start, end, DIMENSIONS, n -> dim(r, n)));
    setTime(v, start);
    long in = tokens(r, "input_tokens");
    long cached = tokens(r, "input_cached_tokens");
    long out = tokens(r, "output_tokens");
    long requests = tokens(r, "num_model_requests");
    v.eventType("usage_report.completions");
    v.service("openai");
    v.action("completions.usage");
    v.outcome("success");
    String project = dim(r, "project_id");
    v.accountId(project != null ? project : "openai");
    v.resource(dim(r, "model"));
    String key = dim(r, "api_key_id");
    String user = dim(r, "user_id");
    if (key != null) {
      v.credentialId("openai:key/" + key);
      v.credentialType("api_key");
      v.accessKeyId(key);
      v.principal(user != null ? user : key);
      v.principalName(v.principal());
      v.principalType("api_key");
    } else if (user != null) {
      v.credentialId("openai:user/" + user);
      v.credentialType("user_session");
      v.principal(user);
      v.principalName(user);
      v.principalType("user");
    }
    v.tokensIn(in);
    v.tokensOut(out);
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("bucket_width", AnthropicUsageMapper.width(start, end));
    req.set("group", UsageBuckets.dimensions(r, DIMENSIONS));
    v.requestJson(req.toString());
    ObjectNode resp = JsonNodeFactory.instance.objectNode();
    resp.put("num_model_requests", requests);
    resp.put("input_tokens", in);
    resp.put("input_cached_tokens", cached);
    resp.put("output_tokens", out);
    v.responseJson(resp.toString());
  }
}
