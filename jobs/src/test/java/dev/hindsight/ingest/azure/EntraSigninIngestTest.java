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
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntraSigninIngestTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  /** The diagnostic-export path of an Entra record: by category, tenant and hour. */
  static String layout(JsonNode e) {
    String category = PantherEvents.field(e, "category");
    String tenant = PantherEvents.field(e, "tenantId");
    String[] h = PantherEvents.hour(PantherEvents.field(e, "time"));
    String dated = h == null ? "undated" : "y=" + h[0] + "/m=" + h[1] + "/d=" + h[2] + "/h=" + h[3] + "/m=00";
    return "insights-logs-" + (category == null ? "unknown" : category.toLowerCase(Locale.ROOT)) + "/tenantId="
        + (tenant == null ? "none" : tenant) + "/" + dated + "/PT1H.json";
  }

  @Test
  void pantherRuleTestEvents(@TempDir Path tmp) {
    List<JsonNode> events = PantherEvents.read("azure_signin.rule_tests.jsonl");
    assertThat(events).hasSize(47);
    PantherEvents.write(tmp.resolve("logs"), events, EntraSigninIngestTest::layout);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, EntraSigninSource.NAME, tmp.resolve("logs"), DateRange.ALL,
        false, 1.0);
    System.out.println("RESULT " + r.records() + " " + r.eventsWritten() + " " + r.quarantined() + " " + r.formats());
    PantherEvents.dump(lake, "SELECT reason, detail, snippet FROM quarantine");
    PantherEvents.dump(lake, "SELECT action, credential_type, outcome, count(*) FROM events GROUP BY 1,2,3");
    PantherEvents.dump(lake, "SELECT credential_id, principal, source_ip, action, outcome, error_code, mfa_authenticated FROM events LIMIT 50");
  }
}
