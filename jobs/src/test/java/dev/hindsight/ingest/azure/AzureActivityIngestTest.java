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
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** azure-activity on real samples: Panther's rule-test events in the diagnostic-export layout, and az CLI output. */
class AzureActivityIngestTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
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

  static Row one(Lake lake, String sql) {
    List<Row> rows = PantherEvents.rows(lake, sql);
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  @Test
  void pantherRuleTestEvents(@TempDir Path tmp) {
    List<JsonNode> events = PantherEvents.read("azure_activity.rule_tests.jsonl");
    assertThat(events).hasSize(214);
    Set<String> distinct = new HashSet<>();
    events.forEach(e -> distinct.add(e.toString()));
    // Two rule tests reuse the very same event: 212 different records.
    assertThat(distinct).hasSize(212);
    PantherEvents.write(tmp.resolve("logs"), events, AzureActivityIngestTest::layout);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, AzureActivitySource.NAME, tmp.resolve("logs"), DateRange.ALL,
        false, 0.0);
    assertThat(r.filesRead()).isEqualTo(51);
    assertThat(r.records()).isEqualTo(214);
    assertThat(r.quarantined()).as("every event has a readable time").isZero();
    assertThat(r.eventsWritten()).isEqualTo(212);
    assertThat(r.duplicatesDropped()).as("the repeated records have the same derived event_id").isEqualTo(2);
    assertThat(r.formats()).isEqualTo(Map.of("jsonl/diagnostic", 51L));

    // Most rule-test events carry no identity at all; the ones that do map to the Azure credential scheme.
    assertThat(PantherEvents.rows(lake, "SELECT credential_type, count(*) FROM events GROUP BY 1 ORDER BY 1")
        .toString()).isEqualTo("[[service_principal,6], [unknown,202], [user,4]]");
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE credential_type = 'unknown'"
        + " AND credential_id IS NOT NULL")).isZero();
    Row sp = one(lake, "SELECT DISTINCT credential_id FROM events WHERE credential_type = 'service_principal'"
        + " AND principal = '12345678-1234-1234-1234-123456789abc'");
    assertThat(sp.getString(0)).isEqualTo("azure:87654321-4321-4321-4321-111111111111/12345678-1234-1234-1234-123456789abc");
    Row user = one(lake, "SELECT credential_id, principal_type, count(*) FROM events"
        + " WHERE principal = 'compromised-admin@company.com' GROUP BY 1, 2");
    assertThat(user.toString()).isEqualTo(
        "[azure:87654321-4321-4321-4321-111111111111/compromised-admin@company.com,User,2]");

    Row first = one(lake, "SELECT source_ip, outcome, region, account_id, service, read_only, event_type FROM events"
        + " WHERE action = 'Microsoft.Insights/actionGroups/delete' AND event_time = TIMESTAMP '2024-12-17 10:30:00'");
    assertThat(first.toString()).isEqualTo(
        "[1.1.1.1,success,eastus,12345678-1234-1234-1234-123456789abc,Microsoft.Insights,false,Administrative]");
    Row failed = one(lake, "SELECT outcome, error_code, source_ip FROM events"
        + " WHERE action = 'MICROSOFT.RECOVERYSERVICES/VAULTS/BACKUPFABRICS/PROTECTIONCONTAINERS/DELETE'"
        + " AND event_time = TIMESTAMP '2025-01-27 17:00:00'");
    assertThat(failed.getString(0)).isEqualTo("failure");
    // 6 records say Failed; 4 storage records have no status but an HTTP 403 / 409
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE outcome = 'failure'")).isEqualTo(10);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE action = 'GetBlob'"
        + " AND outcome = 'failure' AND error_code = 'AuthenticationFailed'")).isEqualTo(1);
    assertThat(failed.getString(1)).isEqualTo("403");
    // az-style {value, localizedValue} inside a diagnostic record
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE action = 'Microsoft.Authorization/elevateAccess/action'"))
        .isEqualTo(1);
    // Storage logs write address:port; the port is not part of the IP
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE source_ip LIKE '%:%'")).isZero();
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE source_ip = '1.1.1.1'")).isPositive();

    // The sensitive families see Azure names whatever their case.
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE " + Families.secretRead()))
        .as("getSecret/action in two spellings").isEqualTo(2);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE lower(action) = 'microsoft.insights/diagnosticsettings/delete'"
        + " AND " + Families.loggingTamper())).isEqualTo(2);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE action = 'Microsoft.Authorization/roleAssignments/write'"
        + " AND " + Families.privilegeChange())).isEqualTo(3);

    // SAS signatures in storage URIs are secrets: redacted everywhere, the rest of the URI kept.
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE raw LIKE '%sig=<redacted by hindsight>%'"))
        .isEqualTo(4);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE raw RLIKE '_SIG|SIGNATURE_HERE'"
        + " OR request_json RLIKE '_SIG|SIGNATURE_HERE'")).isZero();

    // A redelivered blob (the files read again) changes nothing.
    IngestJob.Result again = IngestJobTest.ingest(lake, AzureActivitySource.NAME, tmp.resolve("logs"), DateRange.ALL,
        true, 0.0);
    assertThat(again.eventsWritten()).isZero();
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events")).isEqualTo(212);
  }

  @Test
  void datePruningReadsOnlyTheRangesFolders(@TempDir Path tmp) {
    List<JsonNode> events = PantherEvents.read("azure_activity.rule_tests.jsonl");
    PantherEvents.write(tmp.resolve("logs"), events, AzureActivityIngestTest::layout);
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    LocalDate day = LocalDate.of(2024, 12, 17);
    IngestJob.Result r = IngestJobTest.ingest(lake, AzureActivitySource.NAME, tmp.resolve("logs"),
        new DateRange(day, day), false, 0.0);
    long expected = events.stream().filter(e -> PantherEvents.field(e, "time").startsWith("2024-12-17")).count();
    assertThat(r.records()).isEqualTo(expected);
    assertThat(r.listedPrefixes()).noneMatch(p -> p.contains("y=2025") && p.contains("/m="))
        .noneMatch(p -> p.contains("d=19"));
  }

  @Test
  void plasoAzMonitorActivityLogList(@TempDir Path tmp) {
    // `az monitor activity-log list` objects (snake_case keys from an older az), 4 records, 2022-02-09.
    Path in = TestSpark.datasets().resolve("plaso_test_data/raw/azure_activity_log.jsonl");
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, AzureActivitySource.NAME, in, DateRange.ALL, false, 0.0);
    assertThat(r.records()).isEqualTo(4);
    assertThat(r.quarantined()).isZero();
    assertThat(r.eventsWritten()).isEqualTo(4);
    assertThat(r.formats()).isEqualTo(Map.of("jsonl/az_cli", 1L));
    Row disk = one(lake, "SELECT credential_id, credential_type, source_ip, outcome, account_id, region, event_time"
        + " FROM events WHERE event_id = '587eda65-125e-48c2-9b04-ab5e8d3a1d8e'");
    assertThat(disk.toString()).isEqualTo("[azure:12345678-9abc-defg-hijk-lmnopqrstuvw/12345678-9abc-defg-hijk-lmnopqrstuvw,"
        + "service_principal,1.2.3.4,success,12345678-9abc-defg-hijk-lmnopqrstuvw,global,2022-02-09T03:04:54.297853Z]");
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE credential_type = 'user'"
        + " AND principal = 'fakeemail@fakedomain.com' AND action LIKE 'Microsoft.Compute/virtualMachines/%'")).isEqualTo(2);
  }
}
