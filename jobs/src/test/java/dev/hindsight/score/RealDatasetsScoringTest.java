package dev.hindsight.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.geo.GeoIp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared real CloudTrail produces sensible findings: one day (or an hour) of history each, so only the
 * detectors that judge a day's content can speak (the baseline detectors are in warm-up), and they must.
 */
class RealDatasetsScoringTest {
  static SparkSession spark;
  static Path data;
  static final ScoringConfig CONFIG = ScoringConfig.defaults();

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
    data = TestSpark.datasets();
  }

  static Lake scoreAll(Path tmp, Path input, LocalDate from, LocalDate to) {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJobTest.ingest(lake, input, DateRange.ALL, false, 0.0);
    GeoIp geo = GeoIp.fromDefaultDir();
    TestJobs.runner(lake).run(new ScoringJob(CONFIG, geo, from, to));
    TestJobs.runner(lake).run(new PublishJob(CONFIG, from, to));
    return lake;
  }

  /** technique -> malicious event ids, from the dataset's labels.csv */
  static Map<String, Set<String>> techniques(Path labels) throws Exception {
    Map<String, Set<String>> m = new HashMap<>();
    for (String line : Files.readAllLines(labels).subList(1, Files.readAllLines(labels).size())) {
      String[] f = line.split(",", -1);
      if (f.length > 9 && f[8].equals("malicious")) {
        m.computeIfAbsent(f[9], k -> new HashSet<>()).add(f[0]);
      }
    }
    return m;
  }

  @Test
  void invictusStratusTechniquesAppearWithTheirEvidence(@TempDir Path tmp) throws Exception {
    LocalDate day = LocalDate.of(2023, 7, 10);
    Lake lake = scoreAll(tmp, data.resolve("invictus_ir_aws_dataset/raw/CloudTrail"), day, day);
    lake.registerViews();
    List<Row> findings = spark.sql("SELECT credential_id, detectors, evidence_event_ids, summary FROM findings"
        + " ORDER BY score DESC").collectAsList();
    assertThat(findings).isNotEmpty();
    Set<String> detectors = new HashSet<>();
    Set<String> evidence = new HashSet<>();
    for (Row r : findings) {
      detectors.addAll(r.getList(1));
      evidence.addAll(r.getList(2));
    }
    assertThat(detectors).contains("logging_tampering", "privilege_change", "mass_secret_retrieval");
    Map<String, Set<String>> techniques = techniques(data.resolve("invictus_ir_aws_dataset/labels.csv"));
    for (String t : List.of("aws.defense-evasion.cloudtrail-stop", "aws.defense-evasion.cloudtrail-delete",
        "aws.defense-evasion.cloudtrail-event-selectors", "aws.persistence.iam-create-admin-user",
        "aws.persistence.iam-create-user-login-profile", "aws.credential-access.secretsmanager-retrieve-secrets")) {
      assertThat(techniques).containsKey(t);
      assertThat(techniques.get(t)).as("evidence of " + t + " in the findings").containsAnyElementsOf(evidence);
    }
    assertThat(spark.sql("SELECT count(*) FROM findings WHERE credential_id LIKE '%benjamin%'"
        + " OR principal LIKE '%user/benjamin'").first().getLong(0)).as("the background console user").isZero();
  }

  @Test
  void otrfStolenInstanceProfileKeyIsFoundWithItsEvents(@TempDir Path tmp) throws Exception {
    LocalDate day = LocalDate.of(2020, 9, 14);
    Lake lake = scoreAll(tmp, data.resolve("otrf_security_datasets/extracted/ec2_proxy_s3_exfiltration_2020-09-14011940.json"),
        day, day);
    lake.registerViews();
    String role = "arn:aws:iam::123456789123:role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0";
    List<Row> findings = spark.sql("SELECT credential_id, detectors, evidence_event_ids, summary, score FROM findings"
        + " ORDER BY score DESC").collectAsList();
    assertThat(findings).as("findings").isNotEmpty();
    Row top = findings.get(0);
    assertThat(top.getString(0)).as("the top finding is the stolen instance-profile role").isEqualTo(role);
    assertThat(top.<String>getList(1)).contains("instance_credentials_outside_aws");
    assertThat(top.getString(3)).contains("used instance-profile credentials from outside AWS");
    Set<String> malicious = techniques(data.resolve("otrf_security_datasets/labels_ec2_proxy_s3_exfiltration.csv"))
        .values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toSet());
    assertThat(malicious).hasSize(11);
    assertThat(top.<String>getList(2)).as("the attacker's events are the evidence").containsAll(malicious);
  }
}
