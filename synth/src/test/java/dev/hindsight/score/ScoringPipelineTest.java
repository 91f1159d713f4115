package dev.hindsight.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import dev.hindsight.publish.Evaluation;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.synth.SyntheticCloudTrail;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring pipeline on 90 generated days (the demo's data): point-in-time scores, identical reruns, and the
 * labelled incidents at the top with the benign look-alikes out of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoringPipelineTest {
  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final int DAYS = 90;
  static final LocalDate END = START.plusDays(DAYS - 1);
  static final LocalDate PREFIX_END = START.plusDays(59);

  @TempDir
  static Path tmp;
  static SparkSession spark;
  static Path logs;
  static SyntheticCloudTrail.Result gen;
  static GeoIp geo;
  static ScoringConfig config = ScoringConfig.defaults();
  /** One lake for the class: the point-in-time test builds it, the evaluation reads it. */
  static Lake lake;

  @BeforeAll
  static void generate() throws Exception {
    spark = TestSpark.get();
    logs = tmp.resolve("gen");
    gen = new SyntheticCloudTrail(new SyntheticCloudTrail.Options(logs, START, DAYS, 42, 2000, true)).generate();
    geo = GeoIp.fromDefaultDir();
    assertThat(geo.available()).as("GeoIP databases: run bin/fetch-geoip first").isTrue();
  }

  static void ingest(Lake lake, LocalDate from, LocalDate to) {
    IngestJobTest.ingest(lake, logs.resolve("AWSLogs"), new DateRange(from, to), false, 0.0);
  }

  static void score(Lake lake, LocalDate from, LocalDate to) {
    TestJobs.runner(lake).run(new ScoringJob(config, geo, from, to));
  }

  static void publish(Lake lake, LocalDate from, LocalDate to) {
    TestJobs.runner(lake).run(new PublishJob(config, from, to));
  }

  static Dataset<Row> content(Lake lake, String table, LocalDate to) {
    return lake.read(table).where(col("event_date").leq(lit(to))).drop("run_id");
  }

  @Test
  @Order(1)
  void scoresArePointInTimeAndRerunsChangeNothing() {
    lake = new Lake(spark, tmp.resolve("lake").toString());
    ingest(lake, START, PREFIX_END);
    score(lake, START, PREFIX_END);
    publish(lake, START, PREFIX_END);
    List<Row> dailyBefore = content(lake, "credential_daily", PREFIX_END).collectAsList();
    List<Row> scoresBefore = content(lake, "scores", PREFIX_END).collectAsList();
    List<Row> findingsBefore = lake.read("findings").where(col("last_seen").lt(lit(PREFIX_END)))
        .drop("run_id").collectAsList();
    assertThat(scoresBefore).isNotEmpty();

    // Extend the data, then score the whole period again, as a backfill would.
    ingest(lake, PREFIX_END.plusDays(1), END);
    score(lake, START, END);
    publish(lake, START, END);
    assertThat(content(lake, "credential_daily", PREFIX_END).collectAsList())
        .as("features of earlier days do not change when later days arrive")
        .containsExactlyInAnyOrderElementsOf(dailyBefore);
    assertThat(content(lake, "scores", PREFIX_END).collectAsList())
        .as("scores of earlier days do not change when later days arrive")
        .containsExactlyInAnyOrderElementsOf(scoresBefore);
    assertThat(lake.read("findings").where(col("last_seen").lt(lit(PREFIX_END))).drop("run_id").collectAsList())
        .as("findings that ended before the extension do not change")
        .containsExactlyInAnyOrderElementsOf(findingsBefore);

    long findingsVersion = lake.version("findings");
    List<Row> all = lake.read("findings").collectAsList();
    publish(lake, START, END);
    assertThat(lake.read("findings").collectAsList()).as("a rerun gives identical findings")
        .containsExactlyInAnyOrderElementsOf(all);
    assertThat(lake.read("findings").count()).isEqualTo(all.size());
    assertThat(lake.version("findings") - findingsVersion).isLessThanOrEqualTo(1);
  }

  @Test
  @Order(2)
  void labelledIncidentsRankAtTheTopAndLookAlikesStayOut() {
    if (lake == null || !lake.exists("findings")) {
      lake = new Lake(spark, tmp.resolve("lake").toString());
      ingest(lake, START, END);
      score(lake, START, END);
      publish(lake, START, END);
    }
    List<Evaluation.Label> labels = Evaluation.labels(gen.labels());
    int incidents = (int) labels.stream().filter(l -> !"benign".equals(l.label())).count();
    int top = incidents + 5;
    Evaluation.Result r = dev.hindsight.cli.CliAccess.evaluate(lake, START, END, labels, top);
    StringBuilder report = new StringBuilder();
    r.matches().forEach(m -> report.append('\n').append(m.label().id()).append(' ').append(m.label().kind())
        .append(" rank ").append(m.rank()));
    assertThat(r.recallAtTop()).as("every incident in the top " + top + ":" + report).isEqualTo(1.0);
    assertThat(r.confoundersInTop()).as("benign look-alikes in the top " + top + ":" + report).isZero();
    lake.registerViews();
    assertThat(spark.sql("SELECT count(*) FROM findings WHERE size(evidence_event_ids) = 0").first().getLong(0))
        .as("every finding carries evidence").isZero();
    assertThat(spark.sql("SELECT count(*) FROM findings f LEFT ANTI JOIN events e"
        + " ON e.event_id = f.evidence_event_ids[0]").first().getLong(0)).as("evidence ids are real events").isZero();
  }
}
