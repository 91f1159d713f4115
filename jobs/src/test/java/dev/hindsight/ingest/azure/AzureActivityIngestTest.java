package dev.hindsight.ingest.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.ingest.PantherEvents;
import dev.hindsight.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureActivityIngestTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  static Map<String, Long> quarantineReasons(Lake lake) {
    lake.registerViews();
    return spark.sql("SELECT reason, count(*) FROM quarantine GROUP BY 1").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  static void dump(Lake lake, String sql) {
    lake.registerViews();
    for (Row r : spark.sql(sql).collectAsList()) {
      System.out.println("DUMP " + r);
    }
  }

  /** The diagnostic-export path of an Activity record: by subscription and hour. */
  static String layout(JsonNode e) {
    String rid = PantherEvents.field(e, "resourceId");
    String sub = rid == null ? null : AzureIdentity.subscriptionOf(rid);
    String[] h = PantherEvents.hour(PantherEvents.field(e, "time"));
    String dated = h == null ? "undated" : "y=" + h[0] + "/m=" + h[1] + "/d=" + h[2] + "/h=" + h[3] + "/m=00";
    return "insights-activity-logs/resourceId=/SUBSCRIPTIONS/" + (sub == null ? "NONE" : sub.toUpperCase())
        + "/" + dated + "/PT1H.json";
  }

  @Test
  void pantherRuleTestEvents(@TempDir Path tmp) {
    List<JsonNode> events = PantherEvents.read("azure_activity.rule_tests.jsonl");
    assertThat(events).hasSize(214);
    PantherEvents.write(tmp.resolve("logs"), events, AzureActivityIngestTest::layout);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, AzureActivitySource.NAME, tmp.resolve("logs"), DateRange.ALL,
        false, 1.0);
    System.out.println("RESULT " + r.records() + " " + r.eventsWritten() + " " + r.quarantined() + " " + r.formats());
    System.out.println("QUAR " + quarantineReasons(lake));
    dump(lake, "SELECT reason, detail, snippet FROM quarantine");
    dump(lake, "SELECT credential_type, count(*) FROM events GROUP BY 1");
    dump(lake, "SELECT event_id, count(*) c FROM events GROUP BY 1 HAVING c > 1");
  }

  @Test
  void plasoAzCli(@TempDir Path tmp) {
    Path in = TestSpark.datasets().resolve("plaso_test_data/raw/azure_activity_log.jsonl");
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, AzureActivitySource.NAME, in, DateRange.ALL, false, 1.0);
    System.out.println("RESULT " + r.records() + " " + r.eventsWritten() + " " + r.quarantined() + " " + r.formats());
    dump(lake, "SELECT reason, detail FROM quarantine");
    dump(lake, "SELECT event_id, credential_id, credential_type, principal, region, action, outcome, source_ip, account_id, event_time FROM events");
  }

  @Test
  void otrfAadAudit(@TempDir Path tmp) {
    Path in = TestSpark.datasets().resolve("otrf_security_datasets/extracted/AADAuditEvents.json");
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, EntraSigninSource.NAME, in, DateRange.ALL, false, 1.0);
    System.out.println("RESULT " + r.records() + " " + r.eventsWritten() + " " + r.quarantined() + " " + r.formats());
    dump(lake, "SELECT reason, detail FROM quarantine");
    dump(lake, "SELECT event_id, credential_id, credential_type, principal, region, action, outcome, source_ip, account_id, event_time, resource FROM events");
  }
}
