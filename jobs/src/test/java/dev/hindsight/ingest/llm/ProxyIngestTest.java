package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.IngestJobTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.error.UsageException;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.ingest.Sources;
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

/** Proxy logs through the shipped LiteLLM and API Gateway mappings and a mapping file. */
class ProxyIngestTest {
  static SparkSession spark;
  static final String HASH_A = "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b";
  static final String RAW_KEY = "sk-1234567890abcdefghijklmnop";

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  static String spend(String id, String key, String start, String model, long in, long out, String status,
      String ip) {
    return "{\"request_id\":\"" + id + "\",\"call_type\":\"acompletion\",\"api_key\":\"" + key + "\","
        + "\"spend\":0.00123,\"total_tokens\":" + (in + out) + ",\"prompt_tokens\":" + in + ",\"completion_tokens\":"
        + out + ",\"startTime\":\"" + start + "\",\"endTime\":\"" + start + "\",\"model\":\"" + model + "\","
        + "\"model_group\":\"" + model + "\",\"user\":\"alice@example.com\",\"team_id\":\"team-ml\","
        + "\"metadata\":{\"user_api_key_alias\":\"prod-chatbot\",\"user_api_key\":\"" + key + "\","
        + "\"headers\":{\"authorization\":\"Bearer " + RAW_KEY + "\",\"user-agent\":\"openai-python/1.40\"}},"
        + "\"cache_hit\":\"False\",\"requester_ip_address\":\"" + ip + "\",\"status\":\"" + status + "\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"PROMPT-SECRET-" + id + "\"}],"
        + "\"response\":{\"choices\":[{\"message\":{\"content\":\"COMPLETION-SECRET-" + id + "\"}}]}}";
  }

  @Test
  void liteLlmSpendLogsMapToHashedKeysWithTokensAndNoContentOrKeyMaterial(@TempDir Path tmp) throws Exception {
    Path logs = tmp.resolve("logs");
    LlmFixtures.lines(logs.resolve("spendlogs/2026-02-10.jsonl"), List.of(
        spend("chatcmpl-1", HASH_A, "2026-02-10T09:00:01.123456+00:00", "gpt-4o", 1500, 300, "success",
            "81.2.69.142"),
        spend("chatcmpl-2", HASH_A, "2026-02-10 09:05:00.000000", "claude-3-5-sonnet", 20, 5, "failure",
            "81.2.69.142"),
        // an older LiteLLM that logged the key itself
        spend("chatcmpl-3", RAW_KEY, "2026-02-10T23:59:59Z", "gpt-4o-mini", 7, 3, "success", "2.125.160.216"),
        "{\"request_id\":\"chatcmpl-4\",\"api_key\":\"" + HASH_A + "\",\"model\":\"gpt-4o\"}",
        "{\"request_id\":\"chatcmpl-5\",\"api_key\":\"" + HASH_A + "\",\"startTime\":\"yesterday\"}",
        "{\"request_id\":\"chatcmpl-6\",\"api_key\":\"" + HASH_A + "\",\"startTime\":\"2026-02-10T10:00:00Z\","
            + "\"prompt_tokens\":\"many\"}",
        "{\"request_id\": \"chatcmpl-7\", \"api_key\": \"" + RAW_KEY + "\", \"startTime\": ",
        ""));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, ProxySource.NAME, Map.of("mapping", "litellm"), logs,
        DateRange.ALL, false, 1.0);
    assertThat(r.formats()).containsEntry("litellm:jsonl", 1L);
    assertThat(r.records()).isEqualTo(7);
    assertThat(r.eventsWritten()).isEqualTo(3);
    assertThat(LlmFixtures.rows(lake, "SELECT reason, event_id FROM quarantine ORDER BY position"))
        .extracting(q -> q.getString(0) + "/" + q.getString(1))
        .containsExactly("MISSING_EVENT_TIME/chatcmpl-4", "BAD_EVENT_TIME/chatcmpl-5", "WRONG_TYPE/chatcmpl-6",
            "INVALID_JSON/null");

    Row e1 = LlmFixtures.rows(lake, "SELECT credential_id, credential_type, access_key_id, principal, principal_name,"
        + " action, resource, source_ip, tokens_in, tokens_out, outcome, account_id, service, event_time"
        + " FROM events WHERE event_id = 'chatcmpl-1'").get(0);
    assertThat(e1.getString(0)).isEqualTo("litellm:key/" + HASH_A);
    assertThat(e1.getString(1)).isEqualTo("api_key");
    assertThat(e1.isNullAt(2)).as("a hash is not a key id").isTrue();
    assertThat(e1.getString(3)).isEqualTo("alice@example.com");
    assertThat(e1.getString(4)).isEqualTo("prod-chatbot");
    assertThat(e1.getString(5)).isEqualTo("acompletion");
    assertThat(e1.getString(6)).isEqualTo("gpt-4o");
    assertThat(e1.getString(7)).isEqualTo("81.2.69.142");
    assertThat(e1.getLong(8)).isEqualTo(1500L);
    assertThat(e1.getLong(9)).isEqualTo(300L);
    assertThat(e1.getString(10)).isEqualTo("success");
    assertThat(e1.getString(11)).isEqualTo("team-ml");
    assertThat(e1.getString(12)).isEqualTo("litellm");
    assertThat(e1.get(13).toString()).startsWith("2026-02-10T09:00:01.123456");
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'chatcmpl-2' AND outcome = 'failure'"
        + " AND error_code = 'failure' AND event_time = TIMESTAMP'2026-02-10 09:05:00'")).isEqualTo(1);

    String hashed = "litellm:key/hmac-" + Secrets.keyHash(Secrets.hashSecret(), RAW_KEY);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'chatcmpl-3' AND credential_id = '"
        + hashed + "'")).as("a raw key becomes its keyed hash").isEqualTo(1);
    String all = LlmFixtures.everything(lake);
    assertThat(all).doesNotContain(RAW_KEY, "1234567890abcdef", "PROMPT-SECRET", "COMPLETION-SECRET");
    assertThat(all).contains("omitted_by_hindsight");

    long version = lake.version("events");
    assertThat(IngestJobTest.ingest(lake, ProxySource.NAME, Map.of("mapping", "litellm"), logs, DateRange.ALL,
        false, 1.0).status()).isEqualTo("noop");
    IngestJob.Result again = IngestJobTest.ingest(lake, ProxySource.NAME, Map.of("mapping", "litellm"), logs,
        DateRange.ALL, true, 1.0);
    assertThat(again.eventsWritten()).as("a reprocess never duplicates").isZero();
    assertThat(lake.version("events")).isGreaterThanOrEqualTo(version);
    assertThat(count(lake, "SELECT count(*) FROM events")).isEqualTo(3);
    assertThat(count(lake, "SELECT count(*) FROM quarantine")).isEqualTo(4);
  }

  @Test
  void apiGatewayAccessLogsMapKeyIdsRoutesAndStatus(@TempDir Path tmp) throws Exception {
    Path logs = tmp.resolve("logs");
    String ok = "{\"requestId\":\"c6af9ac6-0001\",\"ip\":\"203.0.113.7\",\"caller\":\"-\",\"user\":\"-\","
        + "\"requestTime\":\"10/Feb/2026:09:00:01 +0000\",\"requestTimeEpoch\":\"1770714001000\","
        + "\"httpMethod\":\"POST\",\"resourcePath\":\"/v1/chat\",\"status\":\"200\",\"protocol\":\"HTTP/1.1\","
        + "\"responseLength\":\"1532\",\"apiKeyId\":\"a1b2c3d4e5\",\"userAgent\":\"python-requests/2.31\","
        + "\"accountId\":\"123456789012\"}";
    String denied = "{\"requestId\":\"c6af9ac6-0002\",\"ip\":\"198.51.100.9\",\"requestTime\":"
        + "\"10/Feb/2026:23:30:00 -0200\",\"httpMethod\":\"GET\",\"resourcePath\":\"/v1/models\",\"status\":\"403\","
        + "\"responseLength\":\"-\",\"apiKeyId\":\"-\",\"userAgent\":\"curl/8.4.0\"}";
    String badTime = "{\"requestId\":\"c6af9ac6-0003\",\"requestTime\":\"2026/02/10 09:00\",\"status\":\"200\"}";
    LlmFixtures.gzipLines(logs.resolve("2026/02/10/access.log.gz"), List.of(ok, denied, badTime));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, ProxySource.NAME, Map.of("mapping", "apigateway"), logs,
        DateRange.ALL, false, 1.0);
    assertThat(r.eventsWritten()).isEqualTo(2);
    assertThat(r.quarantined()).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM quarantine WHERE reason = 'BAD_EVENT_TIME'"
        + " AND event_id = 'c6af9ac6-0003'")).isEqualTo(1);
    Row e = LlmFixtures.rows(lake, "SELECT credential_id, access_key_id, action, resource, source_ip, user_agent,"
        + " outcome, account_id, request_json, event_time FROM events WHERE event_id = 'c6af9ac6-0001'").get(0);
    assertThat(e.getString(0)).isEqualTo("apigateway:key/a1b2c3d4e5");
    assertThat(e.getString(1)).isEqualTo("a1b2c3d4e5");
    assertThat(e.getString(2)).isEqualTo("POST /v1/chat");
    assertThat(e.getString(3)).isEqualTo("/v1/chat");
    assertThat(e.getString(4)).isEqualTo("203.0.113.7");
    assertThat(e.getString(5)).isEqualTo("python-requests/2.31");
    assertThat(e.getString(6)).isEqualTo("success");
    assertThat(e.getString(7)).isEqualTo("123456789012");
    assertThat(e.getString(8)).contains("\"response_bytes\":1532");
    assertThat(e.get(9).toString()).startsWith("2026-02-10T09:00:01");
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'c6af9ac6-0002' AND credential_id IS NULL"
        + " AND outcome = 'failure' AND error_code = '403' AND event_date = DATE'2026-02-11'"))
        .as("no key, a 403, and the -0200 offset puts it on the next UTC day").isEqualTo(1);
  }

  @Test
  void aMappingFileIsValidatedAndUnknownOptionsAreUsageErrors(@TempDir Path tmp) throws Exception {
    Path mapping = tmp.resolve("gw.json");
    Files.writeString(mapping, "{\"name\":\"edge\",\"service\":\"edge-gateway\",\"account_id\":\"edge\","
        + "\"credential_prefix\":\"edge:token/\",\"key_is\":\"raw\",\"fields\":{\"timestamp\":\"ts\","
        + "\"key\":\"headers.authorization\",\"client_ip\":\"client.ip\",\"route\":\"path\",\"method\":\"verb\","
        + "\"status\":\"code\",\"tokens_in\":\"usage.in\",\"tokens_out\":\"usage.out\"}}");
    Path logs = tmp.resolve("logs");
    LlmFixtures.lines(logs.resolve("edge.ndjson"), List.of(
        "{\"ts\":1770714001,\"headers\":{\"authorization\":\"Bearer tok_live_0123456789abcdef\"},"
            + "\"client\":{\"ip\":\"81.2.69.142\"},\"path\":\"/llm\",\"verb\":\"POST\",\"code\":502,"
            + "\"usage\":{\"in\":10,\"out\":0}}"));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, ProxySource.NAME, Map.of("mapping", mapping.toString()), logs,
        DateRange.ALL, false, 0.0);
    assertThat(r.eventsWritten()).isEqualTo(1);
    Row e = LlmFixtures.rows(lake, "SELECT credential_id, event_id, outcome, tokens_in, source_ip, raw FROM events")
        .get(0);
    assertThat(e.getString(0)).matches("edge:token/hmac-[0-9a-f]{32}");
    assertThat(e.getString(1)).as("no id field: a hash of the record, stable across reruns").matches("sha256-[0-9a-f]{32}");
    assertThat(e.getString(2)).isEqualTo("failure");
    assertThat(e.getLong(3)).isEqualTo(10L);
    assertThat(e.getString(4)).isEqualTo("81.2.69.142");
    assertThat(e.getString(5)).doesNotContain("tok_live_0123456789abcdef", "0123456789abcdef");

    assertThatThrownBy(() -> Sources.byName("proxy", Map.of("mapping", "litellm", "bogus", "1")))
        .isInstanceOf(UsageException.class).hasMessageContaining("unknown source option bogus");
    assertThatThrownBy(() -> Sources.byName("cloudtrail", Map.of("mapping", "litellm")))
        .isInstanceOf(UsageException.class).hasMessageContaining("it takes none");
    assertThatThrownBy(() -> Sources.byName("proxy", Map.of("mapping", tmp.resolve("nope.json").toString())))
        .isInstanceOf(UsageException.class).hasMessageContaining("no such file");
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"fields\":{\"timestamp\":\"t\",\"key\":\"k\",\"tokenz\":\"x\"}}");
    assertThatThrownBy(() -> Sources.byName("proxy", Map.of("mapping", bad.toString())))
        .isInstanceOf(UsageException.class).hasMessageContaining("unknown field tokenz");
  }
}
