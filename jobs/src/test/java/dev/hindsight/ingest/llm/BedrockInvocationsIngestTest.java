package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.IngestJobTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bedrock model-invocation logs in their S3 delivery layout: mapping, tokens, no prompt content, quarantine. */
class BedrockInvocationsIngestTest {
  static SparkSession spark;
  static final String ACCOUNT = "111122223333";
  static final String ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/app-inference/i-0abc1234def567890";
  static final String ROLE = "arn:aws:iam::111122223333:role/app-inference";

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  static String invocation(String id, String time, String identity, String op, String model, String prompt,
      String completion, int in, int out) {
    return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"" + time + "\","
        + "\"accountId\":\"" + ACCOUNT + "\",\"identity\":{\"arn\":\"" + identity + "\"},\"region\":\"us-east-1\","
        + "\"requestId\":\"" + id + "\",\"operation\":\"" + op + "\",\"modelId\":\"" + model + "\","
        + "\"input\":{\"inputContentType\":\"application/json\",\"inputBodyJson\":{\"anthropic_version\":"
        + "\"bedrock-2023-05-31\",\"max_tokens\":512,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
        + "\"}]},\"inputTokenCount\":" + in + "},"
        + "\"output\":{\"outputContentType\":\"application/json\",\"outputBodyJson\":{\"id\":\"msg_01\","
        + "\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"" + completion + "\"}],"
        + "\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":" + out + "}},\"outputTokenCount\":" + out + "}}";
  }

  static Path tree(Path root) throws Exception {
    Path base = root.resolve("AWSLogs/" + ACCOUNT + "/BedrockModelInvocationLogs/us-east-1");
    String claude = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    LlmFixtures.gzipLines(base.resolve("2026/03/04/10/20260304T101500000Z_a1b2c3d4e5f6.json.gz"), List.of(
        invocation("req-0001", "2026-03-04T10:12:01Z", ROLE_SESSION, "InvokeModel", claude,
            "PROMPT-SECRET-0001 my password is hunter2", "COMPLETION-SECRET-0001", 1200, 345),
        invocation("req-0002", "2026-03-04T10:13:30Z", "arn:aws:iam::111122223333:user/alice", "Converse",
            "amazon.titan-text-express-v1", "PROMPT-SECRET-0002", "COMPLETION-SECRET-0002", 10, 20),
        // a throttled call: no output at all
        "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"2026-03-04T10:14:00Z\","
            + "\"accountId\":\"" + ACCOUNT + "\",\"identity\":{\"arn\":\"" + ROLE_SESSION + "\"},"
            + "\"region\":\"us-east-1\",\"requestId\":\"req-0003\",\"operation\":\"InvokeModel\",\"modelId\":\""
            + claude + "\",\"errorCode\":\"ThrottlingException\",\"input\":{\"inputContentType\":"
            + "\"application/json\",\"inputBodyJson\":{\"prompt\":\"PROMPT-SECRET-0003\"},\"inputTokenCount\":7}}",
        // cut short: not JSON (and it holds a prompt: no Bedrock quarantine row keeps a snippet)
        "{\"schemaType\":\"ModelInvocationLog\",\"requestId\":\"req-bad\",\"input\":{\"inputBodyJson\":"
            + "{\"prompt\":\"PROMPT-SECRET-BAD\"",
        // no timestamp
        "{\"schemaType\":\"ModelInvocationLog\",\"requestId\":\"req-notime\",\"operation\":\"InvokeModel\","
            + "\"modelId\":\"" + claude + "\",\"identity\":{\"arn\":\"" + ROLE_SESSION + "\"},"
            + "\"input\":{\"inputBodyJson\":{\"prompt\":\"PROMPT-SECRET-NOTIME\"}}}",
        "[1, 2]"));
    // The next hour's file redelivers req-0001 and adds a streamed call on the next day.
    LlmFixtures.gzipLines(base.resolve("2026/03/05/00/20260305T000500000Z_f6e5d4c3b2a1.json.gz"), List.of(
        invocation("req-0001", "2026-03-04T10:12:01Z", ROLE_SESSION, "InvokeModel", claude,
            "PROMPT-SECRET-0001 my password is hunter2", "COMPLETION-SECRET-0001", 1200, 345),
        invocation("req-0004", "2026-03-05T00:01:02Z", ROLE_SESSION, "InvokeModelWithResponseStream", claude,
            "PROMPT-SECRET-0004", "COMPLETION-SECRET-0004", 50000, 9000)));
    return root.resolve("AWSLogs");
  }

  @Test
  void mapsInvocationsToTheRoleCredentialWithTokensAndNoContent(@TempDir Path tmp) throws Exception {
    Path logs = tree(tmp.resolve("logs"));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, BedrockInvocationsSource.NAME, Map.of(), logs, DateRange.ALL,
        false, 1.0);
    assertThat(r.filesRead()).isEqualTo(2);
    assertThat(r.records()).isEqualTo(8);
    assertThat(r.quarantined()).as("the cut line, the line without timestamp, the array").isEqualTo(3);
    assertThat(r.eventsParsed()).isEqualTo(5);
    assertThat(r.eventsWritten()).as("req-0001 was delivered twice").isEqualTo(4);
    assertThat(count(lake, "SELECT count(*) FROM events")).isEqualTo(4);

    Row e1 = LlmFixtures.rows(lake, "SELECT credential_id, credential_type, access_key_id, principal, session_name,"
        + " action, resource, service, tokens_in, tokens_out, outcome, region, account_id, event_date, request_json,"
        + " response_json, source FROM events WHERE event_id = 'req-0001'").get(0);
    assertThat(e1.getString(0)).as("the role, as CloudTrail names the credential of an ASIA session").isEqualTo(ROLE);
    assertThat(e1.getString(1)).isEqualTo("role_session");
    assertThat(e1.isNullAt(2)).as("the invocation log has no access key id").isTrue();
    assertThat(e1.getString(3)).isEqualTo(ROLE_SESSION);
    assertThat(e1.getString(4)).isEqualTo("i-0abc1234def567890");
    assertThat(e1.getString(5)).isEqualTo("InvokeModel");
    assertThat(e1.getString(6)).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1:0");
    assertThat(e1.getString(7)).isEqualTo("bedrock.amazonaws.com");
    assertThat(e1.getLong(8)).isEqualTo(1200L);
    assertThat(e1.getLong(9)).isEqualTo(345L);
    assertThat(e1.getString(10)).isEqualTo("success");
    assertThat(e1.getString(11)).isEqualTo("us-east-1");
    assertThat(e1.getString(12)).isEqualTo(ACCOUNT);
    assertThat(e1.get(13).toString()).isEqualTo("2026-03-04");
    assertThat(e1.getString(14)).contains("\"inputTokenCount\":1200", "\"sha256\"", "\"bytes\"");
    assertThat(e1.getString(15)).contains("\"outputTokenCount\":345");
    assertThat(e1.getString(16)).isEqualTo("bedrock-invocations");

    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'req-0002' AND credential_id ="
        + " 'arn:aws:iam::111122223333:user/alice' AND credential_type = 'iam_user' AND action = 'Converse'"
        + " AND tokens_in = 10 AND tokens_out = 20")).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'req-0003' AND outcome = 'failure'"
        + " AND error_code = 'ThrottlingException' AND tokens_in = 7 AND tokens_out IS NULL")).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'req-0004'"
        + " AND event_date = DATE'2026-03-05' AND tokens_in = 50000")).isEqualTo(1);

    assertThat(LlmFixtures.rows(lake, "SELECT reason, event_id, snippet FROM quarantine ORDER BY position"))
        .extracting(q -> q.getString(0) + "/" + q.getString(1) + "/" + q.getString(2))
        .containsExactly("INVALID_JSON/null/null", "MISSING_EVENT_TIME/req-notime/null", "NOT_A_RECORD/null/null");

    String all = LlmFixtures.everything(lake);
    assertThat(all).as("prompt and completion content never reaches a table")
        .doesNotContain("PROMPT-SECRET", "COMPLETION-SECRET", "hunter2");
    assertThat(all).contains("omitted_by_hindsight");
  }

  @Test
  void dateFoldersPruneAndRerunsWriteNothing(@TempDir Path tmp) throws Exception {
    Path logs = tree(tmp.resolve("logs"));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    LocalDate day = LocalDate.of(2026, 3, 5);
    IngestJob.Result r = IngestJobTest.ingest(lake, BedrockInvocationsSource.NAME, Map.of(), logs,
        new DateRange(day, day), false, 1.0);
    assertThat(r.filesRead()).as("only the 2026/03/05 folder").isEqualTo(1);
    assertThat(r.listedPrefixes()).noneMatch(p -> p.contains("/2026/03/04"));
    assertThat(r.eventsWritten()).isEqualTo(2);

    IngestJob.Result all = IngestJobTest.ingest(lake, BedrockInvocationsSource.NAME, Map.of(), logs, DateRange.ALL,
        false, 1.0);
    assertThat(all.filesRead()).isEqualTo(1);
    assertThat(all.eventsWritten()).as("req-0001 came with the first run, from the next day's folder").isEqualTo(2);
    long version = lake.version("events");
    IngestJob.Result again = IngestJobTest.ingest(lake, BedrockInvocationsSource.NAME, Map.of(), logs, DateRange.ALL,
        false, 1.0);
    assertThat(again.status()).isEqualTo("noop");
    assertThat(lake.version("events")).isEqualTo(version);
    IngestJob.Result reprocessed = IngestJobTest.ingest(lake, BedrockInvocationsSource.NAME, Map.of(), logs,
        DateRange.ALL, true, 1.0);
    assertThat(reprocessed.eventsWritten()).isZero();
    assertThat(count(lake, "SELECT count(*) FROM events")).isEqualTo(4);
    assertThat(count(lake, "SELECT count(*) FROM quarantine")).as("quarantine rows are not duplicated").isEqualTo(3);
  }
}
