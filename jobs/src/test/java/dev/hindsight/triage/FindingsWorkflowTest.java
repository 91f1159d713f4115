package dev.hindsight.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.error.UsageException;
import dev.hindsight.export.ExportJob;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Hashes;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Scores;
import dev.hindsight.lake.tables.Suppressions;
import dev.hindsight.lake.tables.Triage;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.Attack;
import dev.hindsight.score.Detectors;
import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.ScoringJob;
import dev.hindsight.score.geo.GeoIp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings where security teams work, on the real Invictus IR CloudTrail day: every finding carries ATT&CK ids,
 * every export format holds every finding, triage keeps its history, a closed finding that grows on a rescore
 * is reopened (once), and a suppression made from a triaged finding mutes its detector on the rescore.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindingsWorkflowTest {
  static final LocalDate DAY = LocalDate.of(2023, 7, 10);
  static final ObjectMapper JSON = new ObjectMapper();
  static SparkSession spark;
  static Lake lake;
  static GeoIp geo;
  @TempDir static Path tmp;

  @BeforeAll
  static void lake() {
    spark = TestSpark.get();
    lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJobTest.ingest(lake, TestSpark.datasets().resolve("invictus_ir_aws_dataset/raw/CloudTrail"), DateRange.ALL,
        false, 0.0);
    geo = GeoIp.fromDefaultDir();
    score(ScoringConfig.defaults());
  }

  static void score(ScoringConfig config) {
    TestJobs.runner(lake).run(new ScoringJob(config, geo, DAY, DAY));
    TestJobs.runner(lake).run(new PublishJob(config, DAY, DAY));
  }

  static List<Findings> findings() {
    return lake.read(Findings.TABLE).orderBy(org.apache.spark.sql.functions.col("score").desc(),
        org.apache.spark.sql.functions.col("finding_id")).collectAsList().stream().map(Findings::fromRow).toList();
  }

  static ExportJob.Result export(ExportJob.Format format, String account) {
    return TestJobs.runner(lake).run(new ExportJob(new ExportJob.Options(format, DAY, DAY, 0, tmp.resolve("out."
        + format).toString(), account, "eu-west-1")));
  }

  static List<JsonNode> lines(Path p) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(p)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  @Test
  @Order(1)
  void everyFindingCarriesTheAttackTechniquesOfItsDetectors() {
    List<Findings> all = findings();
    assertThat(all).isNotEmpty();
    for (Findings f : all) {
      assertThat(f.attackTechniques()).as(f.findingId()).isNotEmpty().isEqualTo(Attack.of(f.detectors()));
    }
  }

  @Test
  @Order(2)
  void everyExportFormatHoldsEveryFindingWithItsTechniquesAndEvidence() throws Exception {
    List<Findings> all = findings();
    Map<String, Findings> byId = new HashMap<>();
    all.forEach(f -> byId.put(f.findingId(), f));

    ExportJob.Result ocsf = export(ExportJob.Format.ocsf, null);
    Path ocsfFile = tmp.resolve("out.ocsf");
    assertThat(ocsf.findings()).isEqualTo(all.size());
    assertThat(ocsf.sha256()).isEqualTo(Hashes.sha256Hex(Files.readAllBytes(ocsfFile)));
    List<JsonNode> events = lines(ocsfFile);
    assertThat(events).hasSize(all.size());
    int withEvidence = 0;
    for (JsonNode e : events) {
      assertThat(e.get("class_uid").asInt()).isEqualTo(2004);
      assertThat(e.get("type_uid").asInt()).isEqualTo(200401);
      Findings f = byId.get(e.at("/finding_info/uid").asText());
      assertThat(f).isNotNull();
      assertThat(e.get("severity_id").asInt()).isEqualTo(Map.of("low", 2, "medium", 3, "high", 4, "critical", 5)
          .get(f.severity()));
      List<String> techniques = new ArrayList<>();
      e.at("/finding_info/attacks").forEach(a -> techniques.add(a.at("/technique/uid").asText()));
      assertThat(techniques).isEqualTo(f.attackTechniques());
      assertThat(e.at("/resources/0/uid").asText()).isEqualTo(f.credentialId());
      assertThat(e.get("status_id").asInt()).as("never triaged: New").isEqualTo(1);
      withEvidence += e.get("evidences").size() > 0 ? 1 : 0;
      assertThat(e.get("evidences").size()).isLessThanOrEqualTo(f.evidenceEventIds().size());
    }
    assertThat(withEvidence).as("findings whose evidence events were joined").isEqualTo(all.size());
    byte[] first = Files.readAllBytes(ocsfFile);
    export(ExportJob.Format.ocsf, null);
    assertThat(Files.readAllBytes(ocsfFile)).as("the same lake version exports the same bytes").isEqualTo(first);

    export(ExportJob.Format.asff, "123456789012");
    List<JsonNode> requests = lines(tmp.resolve("out.asff"));
    assertThat(requests).hasSize(1);
    JsonNode asff = requests.get(0).get("Findings");
    assertThat(asff).hasSize(all.size());
    for (JsonNode a : asff) {
      for (String k : List.of("SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "CreatedAt",
          "UpdatedAt", "Severity", "Title", "Description", "Resources", "Types")) {
        assertThat(a.has(k)).as(k).isTrue();
      }
      assertThat(a.get("ProductArn").asText())
          .isEqualTo("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default");
      assertThat(a.get("AwsAccountId").asText()).matches("\\d{12}");
      a.get("Types").forEach(t -> assertThat(t.asText()).matches("(TTPs|Effects|Unusual Behaviors)/[^/]+/.+"));
      assertThat(a.at("/Workflow/Status").asText()).isEqualTo("NEW");
    }
    assertThatThrownBy(() -> export(ExportJob.Format.asff, null)).isInstanceOf(UsageException.class)
        .hasMessageContaining("--aws-account");

    export(ExportJob.Format.sarif, null);
    JsonNode sarif = JSON.readTree(tmp.resolve("out.sarif").toFile());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results")).hasSize(all.size());
    Set<String> rules = new HashSet<>();
    sarif.at("/runs/0/tool/driver/rules").forEach(r -> rules.add(r.get("id").asText()));
    sarif.at("/runs/0/results").forEach(r -> {
      assertThat(rules).contains(r.get("ruleId").asText());
      assertThat(sarif.at("/runs/0/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText())
          .isEqualTo(r.get("ruleId").asText());
    });

    export(ExportJob.Format.csv, null);
    List<String> csv = Files.readAllLines(tmp.resolve("out.csv"));
    assertThat(csv).hasSize(all.size() + 1);
    assertThat(csv.get(0)).startsWith("finding_id,severity,score,status,");

    export(ExportJob.Format.jsonl, null);
    List<JsonNode> jsonl = lines(tmp.resolve("out.jsonl"));
    assertThat(jsonl).hasSize(all.size());
    assertThat(jsonl.get(0).get("finding_id").asText()).isEqualTo(all.get(0).findingId());
    assertThat(jsonl.get(0).get("attack_techniques")).isNotEmpty();
  }

  @Test
  @Order(3)
  void aClosedFindingThatGrowsOnARescoreIsReopenedOnceAndSaysWhy() throws Exception {
    // The lowest-scoring finding below 100 can still rise: double every detector's weight on the rescore.
    Findings f = findings().stream().filter(x -> x.score() < 99).reduce((a, b) -> b).orElseThrow();
    TriageJob.Result r = TestJobs.runner(lake).run(new TriageJob(new TriageJob.Options(f.findingId(),
        "false_positive", "the lab's own setup", "alice", false, null, null)));
    assertThat(r.previous()).isEqualTo("open");
    assertThat(status(f.findingId())).isEqualTo("false_positive");
    export(ExportJob.Format.ocsf, null);
    JsonNode e = lines(tmp.resolve("out.ocsf")).stream()
        .filter(x -> x.at("/finding_info/uid").asText().equals(f.findingId())).findFirst().orElseThrow();
    assertThat(e.get("status_id").asInt()).as("false_positive exports as Suppressed").isEqualTo(3);
    assertThat(e.get("comment").asText()).isEqualTo("the lab's own setup");

    Map<String, Double> weights = new HashMap<>();
    Detectors.names().forEach(d -> weights.put(d, 2.0));
    ScoringConfig heavier = new ScoringConfig(0, 0, 0, 0, 0, weights, null, null, null, null, null, null);
    score(heavier);
    Findings grown = findings().stream().filter(x -> x.findingId().equals(f.findingId())).findFirst().orElseThrow();
    assertThat(grown.score()).isGreaterThan(f.score());
    List<Triage> history = history(f.findingId());
    assertThat(history).extracting(Triage::status).containsExactly("false_positive", "reopened");
    assertThat(history.get(1).changedBy()).isEqualTo("hindsight publish");
    assertThat(history.get(1).note()).contains("was false_positive by alice").contains("score rose from");
    assertThat(history.get(0).note()).as("nothing overwritten").isEqualTo("the lab's own setup");

    TestJobs.runner(lake).run(new PublishJob(heavier, DAY, DAY));
    assertThat(history(f.findingId())).as("a rerun reopens nothing more").hasSize(2);
  }

  @Test
  @Order(4)
  void aSuppressionMadeFromATriagedFindingMutesItsDetectorOnTheRescore() {
    Findings f = findings().get(0);
    String detector = f.detectors().get(0);
    TestJobs.runner(lake).run(new TriageJob(new TriageJob.Options(f.findingId(), "resolved", "rotated the key",
        "bob", true, detector, DAY)));
    List<Row> rules = lake.read(Suppressions.TABLE).collectAsList();
    assertThat(rules).hasSize(1);
    assertThat(Suppressions.fromRow(rules.get(0)).credentialId()).isEqualTo(f.credentialId());
    assertThat(signals(f.credentialId())).contains(detector);

    score(ScoringConfig.defaults());
    assertThat(signals(f.credentialId())).as("muted on the days up to the expiry").doesNotContain(detector);
    assertThat(lake.read(Scores.TABLE).where(org.apache.spark.sql.functions.col(Scores.CREDENTIAL_ID)
        .equalTo(f.credentialId())).first().<String>getAs(Scores.CONFIG_VERSION))
        .as("scores say a different configuration (with the rule) made them")
        .isNotEqualTo(ScoringConfig.defaults().version());

    // A newer rule of the same pair replaces it (SuppressionRules keeps the latest per pair).
    TestJobs.runner(lake).run(new TriageJob(new TriageJob.Options(f.findingId(), "resolved", "rule shortened",
        "bob", true, detector, DAY.minusDays(1))));
    List<ScoringConfig.Suppression> active = SuppressionRules.active(lake);
    assertThat(active).hasSize(1);
    assertThat(active.get(0).until()).isEqualTo(DAY.minusDays(1).toString());
    assertThat(active.get(0).mutes(detector, f.credentialId(), DAY)).as("expired the day before").isFalse();
    assertThat(active.get(0).mutes(detector, f.credentialId(), DAY.minusDays(1))).isTrue();
  }

  @Test
  void badTriageIsBadUsage() {
    assertThatThrownBy(() -> new TriageJob.Options("abc", "resolved", null, "a", false, null, null))
        .isInstanceOf(UsageException.class).hasMessageContaining("24 hex digits");
    assertThatThrownBy(() -> new TriageJob.Options("0123456789abcdef01234567", "closed", null, "a", false, null,
        null)).isInstanceOf(UsageException.class).hasMessageContaining("acknowledged, false_positive, resolved");
    assertThatThrownBy(() -> new TriageJob.Options("0123456789abcdef01234567", "resolved", null, "a", true, null,
        DAY)).isInstanceOf(UsageException.class).hasMessageContaining("--note");
    assertThatThrownBy(() -> TestJobs.runner(lake).run(new TriageJob(new TriageJob.Options(
        "0123456789abcdef01234567", "resolved", null, "a", false, null, null))))
        .isInstanceOf(UsageException.class).hasMessageContaining("no finding 0123456789abcdef01234567");
  }

  static String status(String findingId) {
    List<Row> r = TriageStatus.latest(lake).where(org.apache.spark.sql.functions.col(Triage.FINDING_ID)
        .equalTo(findingId)).collectAsList();
    return r.isEmpty() ? "open" : r.get(0).getAs(Triage.STATUS);
  }

  static List<Triage> history(String findingId) {
    return lake.read(Triage.TABLE).where(org.apache.spark.sql.functions.col(Triage.FINDING_ID).equalTo(findingId))
        .orderBy(Triage.CHANGED_AT, Triage.TRIAGE_ID).collectAsList().stream().map(Triage::fromRow).toList();
  }

  /** The detectors that signalled for the credential on DAY (any region). */
  static Set<String> signals(String credentialId) {
    Set<String> out = new HashSet<>();
    for (Row r : lake.read(Scores.TABLE).where(org.apache.spark.sql.functions.col(Scores.CREDENTIAL_ID)
        .equalTo(credentialId)).collectAsList()) {
      for (Row s : r.<Row>getList(r.fieldIndex(Scores.SIGNALS))) {
        out.add(s.getAs("detector"));
      }
    }
    return out;
  }
}
