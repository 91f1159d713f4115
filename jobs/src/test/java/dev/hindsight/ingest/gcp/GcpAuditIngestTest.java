package dev.hindsight.ingest.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.ingest.PantherEvents;
import dev.hindsight.lake.Lake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpAuditIngestTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  /** The Cloud Storage sink path of a LogEntry: by log and hour. */
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
    PantherEvents.write(tmp.resolve("logs"), events, GcpAuditIngestTest::layout);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, GcpAuditSource.NAME, tmp.resolve("logs"), DateRange.ALL,
        false, 1.0);
    System.out.println("RESULT " + r.filesRead() + " " + r.records() + " " + r.eventsWritten() + " " + r.quarantined() + " " + r.formats());
    PantherEvents.dump(lake, "SELECT reason, detail, substr(snippet, 1, 200) FROM quarantine");
    PantherEvents.dump(lake, "SELECT credential_type, region, outcome, count(*) FROM events GROUP BY 1,2,3");
  }

  @Test
  void plasoGcloudLoggingRead(@TempDir Path tmp) {
    Path in = TestSpark.datasets().resolve("plaso_test_data/raw/gcp_logging.jsonl");
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, GcpAuditSource.NAME, in, DateRange.ALL, false, 1.0);
    System.out.println("RESULT " + r.filesRead() + " " + r.records() + " " + r.eventsWritten() + " " + r.quarantined() + " " + r.formats());
    PantherEvents.dump(lake, "SELECT reason, detail, substr(snippet, 1, 200) FROM quarantine");
    PantherEvents.dump(lake, "SELECT event_id, credential_id, credential_type, region, action, outcome, source_ip, account_id FROM events");
  }
}
