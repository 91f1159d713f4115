package dev.hindsight.ingest.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.ingest.JsonFields;
import dev.hindsight.ingest.PantherEvents;
import dev.hindsight.lake.Lake;
import dev.hindsight.score.Families;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gcp-audit on real samples: Panther's GCP rule-test events in the sink layout, and gcloud logging read output. */
class GcpAuditIngestTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  /** The Cloud Storage sink path of a LogEntry: by log and hour (file names hold colons, as GCS writes them). */
  static String layout(JsonNode e) {
    String logName = PantherEvents.field(e, "logName");
    String log = "activity";
    if (logName != null) {
      String d = URLDecoder.decode(logName, StandardCharsets.UTF_8);
      log = d.substring(d.lastIndexOf('/') + 1);
    }
    String[] h = PantherEvents.hour(PantherEvents.field(e, "timestamp"));
    String dated = h == null ? "undated/00:00:00_00:59:59_S0.json"
        : h[0] + "/" + h[1] + "/" + h[2] + "/" + h[3] + ":00:00_" + h[3] + ":59:59_S0.json";
    return "cloudaudit.googleapis.com/" + log + "/" + dated;
  }

  @Test
  void pantherRuleTestEvents(@TempDir Path tmp) {
    List<JsonNode> events = PantherEvents.read("gcp_audit.rule_tests.jsonl");
    assertThat(events).hasSize(143);
    // What ingest must keep: entries with a time; one per (insertId, logName) and day (events are keyed by
    // source, event_date and event_id), as Cloud Logging itself holds them (rule tests reuse one entry's
    // insertId for edited variants); each different entry without insertId.
    Set<String> keys = new HashSet<>();
    int timeless = 0;
    for (JsonNode e : events) {
      String t = PantherEvents.field(e, "timestamp", "receiveTimestamp");
      if (t == null || PantherEvents.hour(t) == null) {
        timeless++;
        continue;
      }
      String id = PantherEvents.field(e, "insertId");
      keys.add(t.substring(0, 10) + " " + (id != null ? id + "@" + PantherEvents.field(e, "logName") : e.toString()));
    }
    PantherEvents.write(tmp.resolve("logs"), events, GcpAuditIngestTest::layout);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, GcpAuditSource.NAME, tmp.resolve("logs"), DateRange.ALL,
        false, 1.0);
    System.out.println("SUMMARY gcp " + r.filesRead() + " " + r.records() + " " + r.eventsWritten() + " "
        + r.quarantined() + " " + keys.size() + " " + timeless + " " + PantherEvents.reasons(lake) + " "
        + PantherEvents.rows(lake, "SELECT credential_type, count(*) FROM events GROUP BY 1 ORDER BY 1"));
    assertThat(timeless).isEqualTo(17);
    assertThat(r.records()).isEqualTo(143);
    assertThat(r.filesRead()).isEqualTo(44);
    // 16 hand-written fragments have no timestamp at all ({"methodName": ...} alone, or a protoPayload alone);
    // one has no timestamp and a receiveTimestamp redacted to "...".
    assertThat(PantherEvents.reasons(lake)).isEqualTo(Map.of("MISSING_EVENT_TIME", 16L, "BAD_EVENT_TIME", 1L));
    assertThat(r.eventsWritten()).isEqualTo(keys.size());

    assertThat(r.eventsWritten()).isEqualTo(93);
    assertThat(PantherEvents.rows(lake, "SELECT credential_type, count(*) FROM events GROUP BY 1 ORDER BY 1")
        .toString()).isEqualTo("[[federated,1], [gcp_service,11], [service_account,5], [service_account_key,10], [user,66]]");
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE credential_type = 'service_account_key'"
        + " AND credential_id = concat('gcp:key/', access_key_id)")).isEqualTo(10);
  }

  @Test
  void plasoGcloudLoggingRead(@TempDir Path tmp) throws Exception {
    // gcloud logging read --format=json: 11 entries, 9 of them Cloud Audit Logs; the other two carry a
    // jsonPayload / textPayload (application logs) and are quarantined as UNRECOGNIZED_SHAPE, not dropped.
    Path in = TestSpark.datasets().resolve("plaso_test_data/raw/gcp_logging.jsonl");
    // gcloud writes a JSON array; the sample holds the same entries one per line: read both.
    ObjectMapper json = new ObjectMapper();
    ArrayNode array = json.createArrayNode();
    for (String line : Files.readAllLines(in)) {
      if (!line.isBlank()) {
        array.add(json.readTree(line));
      }
    }
    Path arrayFile = tmp.resolve("export/gcloud.json");
    Files.createDirectories(arrayFile.getParent());
    Files.writeString(arrayFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    Files.copy(in, tmp.resolve("export/gcp_logging.jsonl"));

    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, GcpAuditSource.NAME, tmp.resolve("export"), DateRange.ALL,
        false, 1.0);
    assertThat(r.records()).isEqualTo(22);
    assertThat(r.formats()).isEqualTo(Map.of("array/logentry", 1L, "jsonl/logentry", 1L));
    assertThat(r.eventsWritten()).as("the same 9 entries in both files").isEqualTo(9);
    assertThat(PantherEvents.reasons(lake)).isEqualTo(Map.of("UNRECOGNIZED_SHAPE", 4L));
    assertThat(PantherEvents.rows(lake, "SELECT credential_id, credential_type, session_issuer, source_ip, outcome,"
        + " error_code, account_id, region, action FROM events WHERE event_id ="
        + " '1awjxggeaxqgz@projects/ketchup/logs/cloudaudit.googleapis.com%2Factivity'").toString())
        .isEqualTo("[[dvwa-service-account@ketchup.iam.gserviceaccount.com,impersonated_service_account,"
            + "service-1234567890@compute-system.iam.gserviceaccount.com,34.72.217.225,failure,PERMISSION_DENIED,ketchup,"
            + "global,google.iam.admin.v1.CreateServiceAccount]]");
    assertThat(PantherEvents.rows(lake, "SELECT region, count(*) FROM events GROUP BY 1 ORDER BY 1").toString())
        .isEqualTo("[[global,6], [us-central1,3]]");
  }

  @Test
  void keyCredentialsZonesAndSecrets(@TempDir Path tmp) throws Exception {
    // A sink file as Cloud Logging writes it: a key created for another service account (its private key in the
    // response), then a call made with a key from a zone, then a denied call.
    String created = "{\"insertId\":\"k1\",\"logName\":\"projects/prod-1/logs/cloudaudit.googleapis.com%2Factivity\","
        + "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"authenticationInfo\":"
        + "{\"principalEmail\":\"ops@prod-1.iam.gserviceaccount.com\"},\"methodName\":"
        + "\"google.iam.admin.v1.CreateServiceAccountKey\",\"serviceName\":\"iam.googleapis.com\",\"request\":{\"name\":"
        + "\"projects/-/serviceAccounts/billing@prod-1.iam.gserviceaccount.com\"},\"response\":{\"name\":"
        + "\"projects/prod-1/serviceAccounts/billing@prod-1.iam.gserviceaccount.com/keys/0a1b2c3d4e5f\","
        + "\"privateKeyData\":\"ZXlKMGVYQWlPaUp6WlhKMmFXTmxYMkZqWTI5MWJuUWlmUT09\"},\"requestMetadata\":{\"callerIp\":"
        + "\"198.51.100.7\",\"callerSuppliedUserAgent\":\"google-cloud-sdk\"}},\"resource\":{\"type\":\"service_account\","
        + "\"labels\":{\"project_id\":\"prod-1\"}},\"timestamp\":\"2024-03-05T10:00:00.123456Z\"}";
    String used = "{\"insertId\":\"k2\",\"logName\":\"projects/prod-1/logs/cloudaudit.googleapis.com%2Factivity\","
        + "\"protoPayload\":{\"authenticationInfo\":{\"principalEmail\":\"billing@prod-1.iam.gserviceaccount.com\","
        + "\"serviceAccountKeyName\":\"//iam.googleapis.com/projects/prod-1/serviceAccounts/billing@prod-1.iam.gserviceaccount.com/keys/0a1b2c3d4e5f\"},"
        + "\"methodName\":\"v1.compute.instances.insert\",\"serviceName\":\"compute.googleapis.com\",\"requestMetadata\":"
        + "{\"callerIp\":\"203.0.113.9\"}},\"resource\":{\"type\":\"gce_instance\",\"labels\":{\"project_id\":\"prod-1\","
        + "\"zone\":\"europe-west4-b\"}},\"timestamp\":\"2024-03-05T11:00:00Z\"}";
    String denied = used.replace("\"k2\"", "\"k3\"").replace("11:00:00Z", "11:05:00Z")
        .replace("\"requestMetadata\"", "\"status\":{\"code\":7,\"message\":\"Permission denied\"},\"requestMetadata\"");
    Path f = tmp.resolve("logs/cloudaudit.googleapis.com/activity/2024/03/05/10:00:00_10:59:59_S0.json");
    Files.createDirectories(f.getParent());
    Files.writeString(f, created + "\n" + used + "\n" + denied + "\n" + "{not json\n");
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, GcpAuditSource.NAME, tmp.resolve("logs"), DateRange.ALL,
        false, 1.0);
    assertThat(r.eventsWritten()).isEqualTo(3);
    assertThat(PantherEvents.reasons(lake)).isEqualTo(Map.of("INVALID_JSON", 1L));
    assertThat(PantherEvents.rows(lake, "SELECT event_id, credential_id, credential_type, access_key_id, principal,"
        + " region, outcome, error_code, event_type FROM events ORDER BY event_time").toString()).isEqualTo("["
        + "[k1@projects/prod-1/logs/cloudaudit.googleapis.com%2Factivity,ops@prod-1.iam.gserviceaccount.com,"
        + "service_account,null,ops@prod-1.iam.gserviceaccount.com,global,success,null,cloudaudit.googleapis.com/activity], "
        + "[k2@projects/prod-1/logs/cloudaudit.googleapis.com%2Factivity,gcp:key/0a1b2c3d4e5f,service_account_key,"
        + "0a1b2c3d4e5f,billing@prod-1.iam.gserviceaccount.com,europe-west4,success,null,cloudaudit.googleapis.com/activity], "
        + "[k3@projects/prod-1/logs/cloudaudit.googleapis.com%2Factivity,gcp:key/0a1b2c3d4e5f,service_account_key,"
        + "0a1b2c3d4e5f,billing@prod-1.iam.gserviceaccount.com,europe-west4,failure,PERMISSION_DENIED,"
        + "cloudaudit.googleapis.com/activity]]");
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE raw LIKE '%ZXlKMGVY%'"
        + " OR response_json LIKE '%ZXlKMGVY%'")).as("the private key never reaches the lake").isZero();
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE " + Families.keyForOther())).isEqualTo(1);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE " + Families.accessDenied())).isEqualTo(1);
    assertThat(JsonFields.derivedId("a", "b")).isEqualTo(JsonFields.derivedId("a", "b"))
        .isNotEqualTo(JsonFields.derivedId("ab", null));
  }
}
