package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.IngestJobTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendors' admin usage pages, in the shapes their APIs answer: each bucket x group row becomes one event
 * with its token counts, an empty bucket is counted and skipped, a bad row is quarantined alone.
 */
class UsageIngestTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  /** A Messages usage report page of 1h buckets on 2026-11-20 (has_more: a pull's first page). */
  static final String MESSAGES_PAGE = """
      {
        "data": [
          {"starting_at": "2026-11-20T00:00:00Z", "ending_at": "2026-11-20T01:00:00Z", "results": [
            {"uncached_input_tokens": 1500, "cache_creation": {"ephemeral_1h_input_tokens": 1000,
              "ephemeral_5m_input_tokens": 500}, "cache_read_input_tokens": 200, "output_tokens": 500,
              "server_tool_use": {"web_search_requests": 10}, "api_key_id": "apikey_01Aaaa",
              "workspace_id": "wrkspc_01W1", "model": "claude-sonnet-4-20250514", "service_tier": "standard",
              "context_window": "0-200k"},
            {"uncached_input_tokens": 100, "cache_creation": {"ephemeral_1h_input_tokens": 0,
              "ephemeral_5m_input_tokens": 0}, "cache_read_input_tokens": 0, "output_tokens": 50,
              "server_tool_use": {"web_search_requests": 0}, "api_key_id": null, "workspace_id": "wrkspc_01W1",
              "model": "claude-3-5-haiku-20241022", "service_tier": "standard", "context_window": "0-200k"}]},
          {"starting_at": "2026-11-20T01:00:00Z", "ending_at": "2026-11-20T02:00:00Z", "results": []},
          {"starting_at": "2026-11-20T02:00:00Z", "ending_at": "2026-11-20T03:00:00Z", "results": [
            {"uncached_input_tokens": "lots", "output_tokens": 7, "api_key_id": "apikey_01Bbbb",
              "workspace_id": "wrkspc_01W1", "model": "claude-opus-4-20250514", "service_tier": "batch",
              "context_window": "0-200k"},
            {"uncached_input_tokens": 10, "cache_read_input_tokens": 0, "output_tokens": 5,
              "api_key_id": "apikey_01Aaaa", "workspace_id": "wrkspc_01W1", "model": "claude-sonnet-4-20250514",
              "service_tier": "standard", "context_window": "0-200k"}]}
        ],
        "has_more": true,
        "next_page": "page_MjAyNi0xMS0yMFQwMzowMDowMFo="
      }
      """;

  static final String CLAUDE_CODE_PAGE = """
      {"data": [
        {"date": "2026-11-20T00:00:00Z", "actor": {"type": "user_actor", "email_address": "dev@example.com"},
         "organization_id": "org_01", "customer_type": "api", "terminal_type": "vscode",
         "core_metrics": {"num_sessions": 3, "lines_of_code": {"added": 120, "removed": 4}},
         "model_breakdown": [
           {"model": "claude-sonnet-4-20250514", "tokens": {"input": 1000, "output": 300, "cache_read": 50,
            "cache_creation": 10}, "estimated_cost": {"currency": "USD", "amount": 12}},
           {"model": "claude-3-5-haiku-20241022", "tokens": {"input": 20, "output": 5, "cache_read": 0,
            "cache_creation": 0}, "estimated_cost": {"currency": "USD", "amount": 1}}]},
        {"date": "2026-11-20T00:00:00Z", "actor": {"type": "api_actor", "api_key_name": "ci-bot"},
         "organization_id": "org_01", "customer_type": "api", "terminal_type": "non-interactive",
         "model_breakdown": [{"model": "claude-sonnet-4-20250514", "tokens": {"input": 7, "output": 3,
           "cache_read": 0, "cache_creation": 0}}]}],
       "has_more": false, "next_page": null}
      """;

  static final String API_KEYS_PAGE = """
      {"data": [
        {"id": "apikey_01Aaaa", "type": "api_key", "name": "prod backend", "workspace_id": "wrkspc_01W1",
         "created_at": "2026-11-19T08:00:00Z", "created_by": {"id": "user_01Alice", "type": "user"},
         "partial_key_hint": "sk-ant-api03-R2D...igAA", "status": "active"},
        {"id": "apikey_01Bbbb", "type": "api_key", "name": "batch jobs", "workspace_id": null,
         "created_at": "2026-11-20T09:30:00Z", "created_by": {"id": "user_01Bob", "type": "user"},
         "partial_key_hint": "sk-ant-api03-Zq9...xyAA", "status": "archived"}],
       "has_more": false, "first_id": "apikey_01Aaaa", "last_id": "apikey_01Bbbb"}
      """;

  /** A completions usage page: two 1h buckets (Unix seconds) on 2026-11-20. */
  static final String COMPLETIONS_PAGE = """
      {"object": "page", "data": [
        {"object": "bucket", "start_time": 1795132800, "end_time": 1795136400, "results": [
          {"object": "organization.usage.completions.result", "input_tokens": 1000, "output_tokens": 500,
           "input_cached_tokens": 800, "input_audio_tokens": 0, "output_audio_tokens": 0,
           "num_model_requests": 5, "project_id": "proj_abc", "user_id": "user-u1", "api_key_id": "key_abc",
           "model": "gpt-4o-2024-08-06", "batch": false, "service_tier": "default"},
          {"object": "organization.usage.completions.result", "input_tokens": 40, "output_tokens": 4,
           "input_cached_tokens": 0, "num_model_requests": 1, "project_id": "proj_abc", "user_id": null,
           "api_key_id": null, "model": "gpt-4o-mini", "batch": true, "service_tier": "default"}]},
        {"object": "bucket", "start_time": 1795136400, "end_time": 1795140000, "results": [
          {"object": "organization.usage.completions.result", "input_tokens": 2000, "output_tokens": 100,
           "input_cached_tokens": 0, "num_model_requests": 9, "project_id": "proj_abc", "user_id": "user-u1",
           "api_key_id": "key_abc", "model": "gpt-4o-2024-08-06", "batch": false, "service_tier": "default"}]}],
       "has_more": false, "next_page": null}
      """;

  static IngestJob.Result ingest(Lake lake, String source, Path input, boolean reprocess) {
    return IngestJobTest.ingest(lake, source, Map.of(), input, DateRange.ALL, reprocess, 1.0);
  }

  static Path write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void anthropicPagesBecomeOneEventPerBucketRowWithExactTokens(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("anthropic");
    write(in.resolve("messages/2026/11/20/page-0000.json"), MESSAGES_PAGE);
    write(in.resolve("claude_code/2026/11/20/page-0000.json"), CLAUDE_CODE_PAGE);
    write(in.resolve("api_keys/2026/11/20/page-0000.json"), API_KEYS_PAGE);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = ingest(lake, AnthropicUsageSource.NAME, in, false);

    assertThat(r.filesRead()).isEqualTo(3);
    assertThat(r.formats()).containsEntry("page", 3L);
    // 4 message rows (one bad) + 1 empty bucket, 2 Claude Code rows, 2 keys
    assertThat(r.records()).isEqualTo(4 + 1 + 2 + 2);
    assertThat(r.eventsWritten()).isEqualTo(3 + 2 + 2);
    assertThat(r.quarantined()).isEqualTo(1);
    Row bad = LlmFixtures.rows(lake, "SELECT reason, detail FROM quarantine").get(0);
    assertThat(bad.getString(0)).isEqualTo("WRONG_TYPE");
    assertThat(bad.getString(1)).contains("uncached_input_tokens").contains("lots");

    assertThat(count(lake, "SELECT count(*) FROM events WHERE action = 'messages.usage'")).isEqualTo(3);
    // key A: 1500 + 200 + 500 + 1000 at 00:00, 10 at 02:00; output 500 + 5
    assertThat(count(lake, "SELECT sum(tokens_in) FROM events WHERE credential_id = 'anthropic:key/apikey_01Aaaa'"
        + " AND action = 'messages.usage'")).isEqualTo(3210);
    assertThat(count(lake, "SELECT sum(tokens_out) FROM events WHERE credential_id = 'anthropic:key/apikey_01Aaaa'"
        + " AND action = 'messages.usage'")).isEqualTo(505);
    Row console = LlmFixtures.rows(lake, "SELECT credential_type, tokens_in, tokens_out, resource, account_id,"
        + " hour(event_time), get_json_object(request_json, '$.bucket_width') FROM events"
        + " WHERE credential_id = 'anthropic:console/wrkspc_01W1'").get(0);
    assertThat(console.getString(0)).isEqualTo("console");
    assertThat(console.getLong(1)).isEqualTo(100);
    assertThat(console.getLong(2)).isEqualTo(50);
    assertThat(console.getString(3)).isEqualTo("claude-3-5-haiku-20241022");
    assertThat(console.getString(4)).isEqualTo("wrkspc_01W1");
    assertThat(console.getInt(5)).isZero();
    assertThat(console.getString(6)).isEqualTo("1h");
    // each event's raw is its row with the bucket's bounds: evidence that stands alone
    Row raw = LlmFixtures.rows(lake, "SELECT raw, input_position FROM events WHERE action = 'messages.usage'"
        + " AND hour(event_time) = 2").get(0);
    assertThat(raw.getString(0)).contains("\"starting_at\":\"2026-11-20T02:00:00Z\"")
        .contains("\"ending_at\":\"2026-11-20T03:00:00Z\"").contains("\"uncached_input_tokens\":10");
    assertThat(count(lake, "SELECT count(DISTINCT input_position) FROM events WHERE action = 'messages.usage'"))
        .as("every row its own position").isEqualTo(3);

    Row code = LlmFixtures.rows(lake, "SELECT tokens_in, tokens_out, resource, user_agent FROM events"
        + " WHERE credential_id = 'anthropic:user/dev@example.com'").get(0);
    assertThat(code.getLong(0)).isEqualTo(1000 + 50 + 10 + 20);
    assertThat(code.getLong(1)).isEqualTo(305);
    assertThat(code.getString(2)).isEqualTo("claude-sonnet-4-20250514");
    assertThat(code.getString(3)).isEqualTo("vscode");
    assertThat(count(lake, "SELECT count(*) FROM events WHERE credential_id = 'anthropic:key-name/ci-bot'"
        + " AND tokens_in = 7 AND tokens_out = 3")).isEqualTo(1);

    // the key list: a creation per key, by its creator, naming the new key as llm-audit does
    Row created = LlmFixtures.rows(lake, "SELECT credential_id, event_date, action,"
        + " get_json_object(response_json, '$.created_credential_id'), get_json_object(request_json, '$.status')"
        + " FROM events WHERE resource = 'apikey_01Bbbb' AND action = 'api_key_created'").get(0);
    assertThat(created.getString(0)).isEqualTo("anthropic:user/user_01Bob");
    assertThat(created.get(1)).hasToString("2026-11-20");
    assertThat(created.getString(3)).isEqualTo("anthropic:key/apikey_01Bbbb");
    assertThat(created.getString(4)).isEqualTo("archived");
    assertThat(LlmFixtures.everything(lake)).as("no key hint is stored").doesNotContain("R2D").doesNotContain("Zq9")
        .doesNotContain("sk-ant-api03");

    IngestJob.Result again = ingest(lake, AnthropicUsageSource.NAME, in, true);
    assertThat(again.eventsParsed()).isEqualTo(7);
    assertThat(again.eventsWritten()).as("ids come from the rows' identity: reading the pages again adds nothing")
        .isZero();
  }

  @Test
  void openAiCompletionBucketsCarryKeysRequestsAndTokens(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("openai");
    write(in.resolve("completions/2026/11/20/page-0000.json"), COMPLETIONS_PAGE);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = ingest(lake, OpenAiUsageSource.NAME, in, false);
    assertThat(r.records()).isEqualTo(3);
    assertThat(r.eventsWritten()).isEqualTo(3);
    assertThat(r.quarantined()).isZero();
    List<Row> key = LlmFixtures.rows(lake, "SELECT sum(tokens_in), sum(tokens_out),"
        + " sum(CAST(get_json_object(response_json, '$.num_model_requests') AS BIGINT)), min(account_id),"
        + " min(principal), count(DISTINCT event_date) FROM events WHERE credential_id = 'openai:key/key_abc'");
    assertThat(key.get(0).getLong(0)).isEqualTo(3000);
    assertThat(key.get(0).getLong(1)).isEqualTo(600);
    assertThat(key.get(0).getLong(2)).isEqualTo(14);
    assertThat(key.get(0).getString(3)).isEqualTo("proj_abc");
    assertThat(key.get(0).getString(4)).isEqualTo("user-u1");
    assertThat(key.get(0).getLong(5)).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE credential_id IS NULL AND tokens_in = 40"
        + " AND get_json_object(request_json, '$.group.batch') = 'true'"))
        .as("usage not grouped by key or user is kept, for no credential").isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_time = TIMESTAMP'2026-11-20 01:00:00'"))
        .isEqualTo(1);
  }
}
