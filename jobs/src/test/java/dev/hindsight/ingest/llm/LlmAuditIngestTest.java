package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.IngestJobTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Panther rule-test events of the OpenAI (33) and Anthropic (38) audit logs, written in the shapes the
 * vendors' admin APIs export: OpenAI as JSON lines, Anthropic as a saved API page.
 */
class LlmAuditIngestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static SparkSession spark;
  static Path data;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
    data = TestSpark.datasets().resolve("panther_analysis_rule_tests");
  }

  /** The events of a Panther rule-test file; with unique ids, "#<line>" is appended to each id. */
  static List<ObjectNode> events(String file, boolean uniqueIds) throws Exception {
    List<ObjectNode> out = new ArrayList<>();
    int line = 0;
    for (String l : Files.readAllLines(data.resolve(file))) {
      if (l.isBlank()) {
        continue;
      }
      ObjectNode e = (ObjectNode) JSON.readTree(l).get("event");
      if (uniqueIds) {
        e.put("id", e.get("id").asText() + "#" + line);
      }
      line++;
      out.add(e);
    }
    return out;
  }

  static Path export(Path dir, boolean uniqueIds) throws Exception {
    List<String> openai = new ArrayList<>();
    for (ObjectNode e : events("openai_audit.rule_tests.jsonl", uniqueIds)) {
      openai.add(JSON.writeValueAsString(e));
    }
    LlmFixtures.lines(dir.resolve("openai/audit_logs.jsonl"), openai);
    List<ObjectNode> anthropic = events("anthropic_audit.rule_tests.jsonl", uniqueIds);
    ObjectNode page = JSON.createObjectNode();
    ArrayNode arr = page.putArray("data");
    anthropic.forEach(arr::add);
    page.put("has_more", false);
    page.put("first_id", anthropic.get(0).get("id").asText());
    page.put("last_id", anthropic.get(anthropic.size() - 1).get("id").asText());
    Files.createDirectories(dir.resolve("anthropic"));
    Files.writeString(dir.resolve("anthropic/activities_page_1.json"), JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(page));
    return dir;
  }

  static IngestJob.Result ingest(Lake lake, Path input) {
    return IngestJobTest.ingest(lake, LlmAuditSource.NAME, Map.of(), input, DateRange.ALL, false, 0.0);
  }

  @Test
  void pantherSamplesAsExportedHoldEachVendorIdOnce(@TempDir Path tmp) throws Exception {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = ingest(lake, export(tmp.resolve("logs"), false));
    assertThat(r.filesRead()).isEqualTo(2);
    assertThat(r.formats()).containsEntry("jsonl", 1L).containsEntry("page", 1L);
    assertThat(r.records()).isEqualTo(33 + 38);
    assertThat(r.quarantined()).as("every sample event maps").isZero();
    assertThat(r.eventsParsed()).isEqualTo(71);
    // Panther's rule tests reuse event ids across unrelated test cases (audit_log-test001 is a role assignment
    // in one test and a key creation in another); (source, event_id) is held once, the first copy kept.
    assertThat(r.eventsWritten()).isEqualTo(21 + 17);
    assertThat(r.duplicatesDropped()).isEqualTo(12 + 21);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE service = 'openai'")).isEqualTo(21);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE service = 'anthropic'")).isEqualTo(17);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'audit_log-test001'"
        + " AND action = 'role.assignment.created'")).as("the first copy").isEqualTo(1);
  }

  @Test
  void everySampleEventMapsWithItsActorKeyAndOrigin(@TempDir Path tmp) throws Exception {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = ingest(lake, export(tmp.resolve("logs"), true));
    assertThat(r.quarantined()).isZero();
    assertThat(r.eventsWritten()).as("with ids made unique, all 71 test events are kept").isEqualTo(71);
    assertThat(count(lake, "SELECT count(DISTINCT event_date) FROM events WHERE service = 'openai'"))
        .as("all OpenAI samples are at 1702857600 = 2023-12-18").isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE service = 'anthropic'"
        + " AND event_date = DATE'2026-05-07'")).isEqualTo(23);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE credential_id IS NULL")).as("the unauthenticated SSO"
        + " login failure").isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE credential_type = 'api_key'"))
        .as("OpenAI key-parent001 and key-service001, Anthropic key_01ABC").isEqualTo(3);

    Row nested = LlmFixtures.rows(lake, "SELECT credential_id, credential_type, access_key_id, principal, action,"
        + " response_json, event_time FROM events WHERE event_id = 'audit_log-test005#11'").get(0);
    assertThat(nested.getString(0)).isEqualTo("openai:key/key-parent001");
    assertThat(nested.getString(1)).isEqualTo("api_key");
    assertThat(nested.getString(2)).isEqualTo("key-parent001");
    assertThat(nested.getString(3)).isEqualTo("suspicious@external.com");
    assertThat(nested.getString(4)).isEqualTo("api_key.created");
    assertThat(nested.getString(5)).isEqualTo(
        "{\"created_credential_id\":\"openai:key/key-child001\",\"created_for_other\":true}");
    assertThat(nested.get(6).toString()).startsWith("2023-12-18T00:00");

    Row contractor = LlmFixtures.rows(lake, "SELECT credential_id, credential_type, source_ip, user_agent, principal,"
        + " response_json, resource, outcome FROM events WHERE event_id = 'audit_log-test002#8'").get(0);
    assertThat(contractor.getString(0)).isEqualTo("openai:user/user-contractor789");
    assertThat(contractor.getString(1)).isEqualTo("user_session");
    assertThat(contractor.getString(2)).isEqualTo("192.0.2.100");
    assertThat(contractor.getString(3)).isEqualTo("curl/7.68.0");
    assertThat(contractor.getString(4)).isEqualTo("contractor@external.com");
    assertThat(contractor.getString(5)).as("a user's own new key")
        .isEqualTo("{\"created_credential_id\":\"openai:key/key-suspicious001\",\"created_for_other\":false}");
    assertThat(contractor.getString(6)).isEqualTo("key-suspicious001");
    assertThat(contractor.getString(7)).isEqualTo("success");

    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'audit_log-failed001#15'"
        + " AND outcome = 'failure' AND error_code = 'invalid_credentials' AND action = 'login.failed'")).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE service = 'openai' AND outcome = 'failure'"))
        .as("the 4 login.failed events").isEqualTo(4);

    Row apiActor = LlmFixtures.rows(lake, "SELECT credential_id, source_ip, outcome, resource, account_id FROM events"
        + " WHERE event_id = 'evt_01GHI789#9'").get(0);
    assertThat(apiActor.getString(0)).isEqualTo("anthropic:key/key_01ABC");
    assertThat(apiActor.getString(1)).isEqualTo("10.0.0.1");
    assertThat(apiActor.getString(2)).isEqualTo("failure");
    assertThat(apiActor.getString(3)).isEqualTo("chat_01GHI");
    assertThat(apiActor.getString(4)).isEqualTo("org_123");
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'activity_01ABC123#0'"
        + " AND credential_id = 'anthropic:user/user_01ABC' AND principal = 'admin@example.com'"
        + " AND user_agent = 'Mozilla/5.0' AND get_json_object(response_json, '$.created_for_other') = 'true'"))
        .as("an admin key is made for the organisation, not for its creator").isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'activity_01ABC123#36'"
        + " AND credential_type = 'anonymous' AND outcome = 'failure' AND source_ip = '192.168.1.1'")).isEqualTo(1);
  }

  @Test
  void keyMaterialIsNeverStoredAndBadLinesAreQuarantined(@TempDir Path tmp) throws Exception {
    String created = "{\"object\":\"organization.audit_log\",\"id\":\"audit_log-k1\",\"type\":\"api_key.created\","
        + "\"effective_at\":1767225600,\"actor\":{\"type\":\"session\",\"session\":{\"user\":{\"id\":\"user-1\","
        + "\"email\":\"a@example.com\"},\"ip_address\":\"81.2.69.142\",\"user_agent\":\"Mozilla/5.0\"}},"
        + "\"api_key_created\":{\"id\":\"key_9f8e7d\",\"data\":{\"scopes\":[\"api.model.request\"],"
        + "\"redacted_value\":\"sk-proj-ab...wxyz\",\"note\":\"Bearer sk-proj-AAAAAAAAAAAAAAAAAAAAAAAA\"}}}";
    String noTime = "{\"object\":\"organization.audit_log\",\"id\":\"audit_log-k2\",\"type\":\"api_key.created\","
        + "\"actor\":{\"type\":\"session\",\"session\":{\"user\":{\"id\":\"user-1\"}}},"
        + "\"api_key\":\"sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBB\"}";
    String page = "{\"object\":\"list\",\"data\":[" + created.replace("audit_log-k1", "audit_log-k3") + "],"
        + "\"first_id\":\"audit_log-k3\",\"last_id\":\"audit_log-k3\",\"has_more\":false}";
    Path logs = tmp.resolve("logs");
    LlmFixtures.lines(logs.resolve("2026/01/01/a.jsonl"), List.of(created, noTime, "not json at all",
        "{\"type\":\"x\",\"id\":\"nope\"}"));
    Files.writeString(logs.resolve("2026/01/01/page.json"), page);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, LlmAuditSource.NAME, Map.of(), logs, DateRange.ALL, false, 1.0);
    assertThat(r.eventsWritten()).isEqualTo(2);
    assertThat(LlmFixtures.rows(lake, "SELECT reason, event_id FROM quarantine ORDER BY position"))
        .extracting(q -> q.getString(0) + "/" + q.getString(1))
        .containsExactly("MISSING_EVENT_TIME/audit_log-k2", "INVALID_JSON/null", "MISSING_EVENT_TIME/nope");
    String all = LlmFixtures.everything(lake);
    assertThat(all).doesNotContain("sk-proj-AAAA", "sk-proj-ab...wxyz", "sk-ant-api03", "BBBBBBBBBBBB");
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'audit_log-k1'"
        + " AND get_json_object(response_json, '$.created_credential_id') = 'openai:key/key_9f8e7d'"
        + " AND source_ip = '81.2.69.142' AND event_date = DATE'2026-01-01'")).isEqualTo(1);
  }

}
