package dev.hindsight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
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

/**
 * Every CloudTrail shape in ../shared/datasets ingests with exact counts (the counts are the datasets' own,
 * from their README and stats files), nothing unexpected in quarantine, and no session token in the lake.
 */
class SharedDatasetsIngestTest {
  static SparkSession spark;
  static Path data;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
    data = TestSpark.datasets();
  }

  static Lake ingest(Path tmp, Path input, long files, long events) {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJob.Result r = IngestJobTest.ingest(lake, input, DateRange.ALL, false, 0.0);
    assertThat(r.filesRead()).as("files read from " + input).isEqualTo(files);
    assertThat(r.quarantined()).as("quarantined from " + input).isZero();
    assertThat(r.eventsWritten()).as("events from " + input).isEqualTo(events);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events")).isEqualTo(events);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE raw LIKE '%IQoJb3JpZ2luX2Vj%'"))
        .as("no session token reaches the lake").isZero();
    return lake;
  }

  static Map<String, Long> byCredentialType(Lake lake) {
    lake.registerViews();
    return spark.sql("SELECT credential_type, count(*) FROM events GROUP BY 1").collectAsList().stream()
        .collect(Collectors.toMap(r -> String.valueOf(r.getString(0)), r -> r.getLong(1)));
  }

  @Test
  void invictusDeliveryFiles(@TempDir Path tmp) {
    Lake lake = ingest(tmp, data.resolve("invictus_ir_aws_dataset/raw/CloudTrail"), 55, 2900);
    assertThat(IngestJobTest.count(lake, "SELECT count(DISTINCT event_date) FROM events")).isEqualTo(1);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE access_key_id = 'ASIATFQR7NSC36DZQP7P'"
        + " AND source_ip = '192.168.10.20'")).as("the stolen instance-role key used by the attacker").isEqualTo(2);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE access_key_id = 'ASIATFQR7NSC36DZQP7P'"
        + " AND credential_id = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role'"))
        .as("an ASIA key belongs to its role").isEqualTo(IngestJobTest.count(lake,
            "SELECT count(*) FROM events WHERE access_key_id = 'ASIATFQR7NSC36DZQP7P'"));
    Map<String, Long> types = byCredentialType(lake);
    assertThat(types.get("access_key")).isEqualTo(2182);
    assertThat(types.get("aws_service")).isEqualTo(34 + 42);
    assertThat(types.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2900);
    lake.registerViews();
    List<Row> shapes = spark.sql("SELECT format, count(*) FROM ingest_files GROUP BY 1").collectAsList();
    assertThat(shapes).singleElement().satisfies(r -> assertThat(r.getString(0)).isEqualTo("records"));
  }

  @Test
  void stratusBareArrays(@TempDir Path tmp) {
    Lake lake = ingest(tmp, data.resolve("stratus_red_team_detonation_logs/raw"), 35, 310);
    assertThat(IngestJobTest.count(lake, "SELECT count(DISTINCT event_date) FROM events")).isEqualTo(8);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE response_json LIKE '%sessionToken%'"
        + " AND response_json NOT LIKE '%redacted by hindsight%'")).isZero();
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE credential_type = 'federated_session'"))
        .isEqualTo(1);
  }

  @Test
  void otrfLogstashJsonLines(@TempDir Path tmp) {
    Lake lake = ingest(tmp, data.resolve("otrf_security_datasets/extracted/ec2_proxy_s3_exfiltration_2020-09-14011940.json"),
        1, 103);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE access_key_id = 'ASIA5FLZVX4OPVKKVBMX'"
        + " AND credential_type = 'role_session'")).as("the stolen instance-profile key").isEqualTo(11);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE event_time IS NULL")).isZero();
    lake.registerViews();
    assertThat(spark.sql("SELECT min(event_time), max(event_time) FROM events").first().get(0).toString())
        .isEqualTo("2020-09-14T00:44:20Z");
  }

  @Test
  void plasoLookupEventsOutput(@TempDir Path tmp) {
    Lake lake = ingest(tmp, data.resolve("plaso_test_data/raw/aws_cloudtrail.jsonl"), 1, 6);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE region = 'ap-southeast-2'")).isEqualTo(6);
    lake.registerViews();
    assertThat(spark.sql("SELECT DISTINCT format FROM ingest_files").first().getString(0)).isEqualTo("lookup_events");
  }
}
