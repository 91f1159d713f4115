package dev.hindsight.ingest.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.ingest.PantherEvents;
import dev.hindsight.lake.Lake;
import dev.hindsight.score.Families;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** entra-signin on real samples: Panther's Entra rule-test events (sign-ins and audit) and OTRF's AuditLogs rows. */
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
    // What ingest must keep: one event per Entra id (rule tests reuse one sign-in's id for edited variants, and
    // Entra ids are unique, so those are one event), and every different record that has no id.
    Set<String> keys = new HashSet<>();
    for (JsonNode e : events) {
      JsonNode p = e.get("properties");
      String id = p == null ? null : PantherEvents.field(p, "id");
      keys.add(id != null ? "id:" + id : "raw:" + e);
    }
    assertThat(keys).hasSize(33);
    PantherEvents.write(tmp.resolve("logs"), events, EntraSigninIngestTest::layout);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, EntraSigninSource.NAME, tmp.resolve("logs"), DateRange.ALL,
        false, 0.0);
    System.out.println("SUMMARY entra " + r.filesRead() + " " + r.records() + " " + r.eventsWritten() + " "
        + r.quarantined() + " " + PantherEvents.rows(lake, "SELECT action, credential_type, outcome, count(*) FROM events GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"));
    assertThat(r.records()).isEqualTo(47);
    assertThat(r.quarantined()).as("zone-less 'yyyy-MM-dd HH:mm:ss.SSS' times are read as UTC").isZero();
    assertThat(r.eventsWritten()).isEqualTo(keys.size());

    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE action IN ('SignIn', 'NonInteractiveSignIn')"))
        .isEqualTo(17);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE action = 'ServicePrincipalSignIn'"))
        .isEqualTo(2);
    assertThat(PantherEvents.rows(lake, "SELECT credential_id, principal, source_ip, outcome, error_code, error_message,"
        + " mfa_authenticated, account_id, region, service, resource, user_agent FROM events"
        + " WHERE principal = 'peregrin@lotr.com'").toString())
        .isEqualTo("[[azure:tenant-789/user-010,peregrin@lotr.com,3.3.3.3,failure,50126,"
            + "Invalid username or password,false,tenant-789,global,Microsoft Azure Management,Azure Portal,"
            + "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/537.36]]");
    assertThat(PantherEvents.rows(lake, "SELECT credential_id, credential_type, outcome, error_code, source_ip FROM events"
        + " WHERE event_id = '36658c78-02d9-4d8f-84ee-5ca4a3fdefef'").toString())
        .isEqualTo("[[azure:a2aa49aa-2c0c-49d2-af87-f402c421df0b/cfceb902-8fab-4f8c-88ba-374d3c975c3a,"
            + "service_principal,failure,7000215,12.12.12.12]]");
    assertThat(PantherEvents.rows(lake, "SELECT credential_id, credential_type, source_ip, resource FROM events"
        + " WHERE action = 'Add service principal credentials'").toString())
        .isEqualTo("[[azure:tenant-123/admin-123,user,2.2.2.2,Production API Service]]");
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE action = 'Add service principal credentials'"
        + " AND " + Families.credentialCreation())).isEqualTo(1);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE credential_id IS NULL")).isZero();
    // wrong passwords / client secrets count with the denials (error_burst); all 5 failed sign-ins are such
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE outcome = 'failure' AND action LIKE '%SignIn'"))
        .isEqualTo(5);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE " + Families.accessDenied())).isEqualTo(5);
  }

  @Test
  void otrfLogAnalyticsAuditLogs(@TempDir Path tmp) {
    // GoldenSAMLADFSMailAccess: 4 AuditLogs rows, two of them the same audit record (same Id) exported twice.
    Path in = TestSpark.datasets().resolve("otrf_security_datasets/extracted/AADAuditEvents.json");
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, EntraSigninSource.NAME, in, DateRange.ALL, false, 0.0);
    assertThat(r.records()).isEqualTo(4);
    assertThat(r.quarantined()).isZero();
    assertThat(r.eventsWritten()).isEqualTo(3);
    assertThat(r.formats()).isEqualTo(Map.of("jsonl/log_analytics", 1L));
    assertThat(PantherEvents.rows(lake, "SELECT action, credential_id, principal, resource, outcome FROM events"
        + " ORDER BY event_time").toString()).isEqualTo("[[Update application,"
        + "azure:00000000-0000-0000-0000-000000000000/aead923d-498b-4f64-a66c-2af91447a8b6,pgustavo@simulandlabs.com,"
        + "SimuLandApp,success], [Add delegated permission grant,"
        + "azure:00000000-0000-0000-0000-000000000000/aead923d-498b-4f64-a66c-2af91447a8b6,pgustavo@simulandlabs.com,"
        + "Microsoft Graph,success], [Update application – Certificates and secrets management,"
        + "azure:00000000-0000-0000-0000-000000000000/aead923d-498b-4f64-a66c-2af91447a8b6,pgustavo@simulandlabs.com,"
        + "SimuLandApp,success]]");
    // the app credential added, then the permission grant: both sensitive families
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE " + Families.credentialCreation()))
        .isEqualTo(1);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE " + Families.privilegeChange()))
        .isEqualTo(1);
    
  }
}
