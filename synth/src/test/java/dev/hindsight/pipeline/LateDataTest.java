package dev.hindsight.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.cli.CliRunner;
import dev.hindsight.ingest.LogFixtures;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Runs;
import dev.hindsight.synth.SyntheticSource;
import dev.hindsight.synth.Synthetics;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late data as the nightly {@code run} meets it: a file delivered into the folder of a day already ingested,
 * scored and published, after that day's run. The next night's run must read it, score that day again and publish
 * its finding, say so in {@code runs} (restated_dates), and leave every other earlier day as it was; a rerun of the
 * same night restates nothing.
 */
class LateDataTest {
  static final LocalDate D1 = LocalDate.of(2026, 4, 1);
  static final LocalDate D2 = D1.plusDays(1);
  static final LocalDate D3 = D1.plusDays(2);
  /** The late file's credential: a key nobody else uses, going dark on D2. */
  static final String LATE_KEY = "AKIALATEDELIVERY0001";

  @TempDir
  static Path tmp;
  static SparkSession spark;
  static Path input;
  static Path lake;

  @BeforeAll
  static void generate() throws Exception {
    spark = TestSpark.get();
    Path logs = tmp.resolve("logs");
    Synthetics.byName("cloudtrail").generate(new SyntheticSource.Spec(logs, D1, 3, 11, 150));
    input = logs.resolve("AWSLogs");
    lake = tmp.resolve("lake");
  }

  static CliRunner.Result run(LocalDate day) {
    CliRunner.Result r = CliRunner.run("run", "--date", day.toString(), "--source", "cloudtrail",
        "--input", input.toString(), "--lake", lake.toString(), "--no-geoip");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    return r;
  }

  /** Every scores row of a day: (credential, region) -> "score run_id events". */
  static Map<String, String> scores(LocalDate day) {
    return new Lake(spark, lake.toUri().toString()).read("scores").where(col("event_date").equalTo(lit(day)))
        .collectAsList().stream().collect(Collectors.toMap(
            r -> r.getAs("credential_id") + "/" + r.getAs("region"),
            r -> r.getAs("score") + " " + r.getAs("run_id") + " " + r.getAs("events")));
  }

  /** The findings that start on or before a day, whole rows as text. */
  static List<String> findingsUpTo(LocalDate day) {
    return new Lake(spark, lake.toUri().toString()).read("findings").where(col("first_seen").leq(lit(day)))
        .orderBy("finding_id").collectAsList().stream().map(Row::toString).toList();
  }

  /** The runs of the last `run` (ingest, score, publish): command -> restated_dates. */
  static Map<String, List<LocalDate>> restated(LocalDate day) {
    List<Row> runs = new Lake(spark, lake.toUri().toString()).read("runs")
        .where(col(Runs.DATE_FROM).equalTo(lit(day))).orderBy(col(Runs.STARTED_AT).desc()).limit(3).collectAsList();
    assertThat(runs).hasSize(3);
    return runs.stream().collect(Collectors.toMap(r -> r.getAs(Runs.COMMAND),
        r -> r.<LocalDate>getList(r.fieldIndex(Runs.RESTATED_DATES))));
  }

  @Test
  void aLateFileForAScoredDayIsScoredAndPublishedByTheNextRunAndNothingElseChanges() throws Exception {
    run(D1);
    run(D2);
    Map<String, String> d1Before = scores(D1);
    Map<String, String> d2Before = scores(D2);
    List<String> findingsD1Before = findingsUpTo(D1);
    assertThat(d1Before).isNotEmpty();
    assertThat(d2Before.keySet()).isNotEmpty().noneMatch(k -> k.contains(LATE_KEY));
    assertThat(findingsUpTo(D2)).noneMatch(f -> f.contains(LATE_KEY));

    // After D2's run, a file of D2's events lands in D2's folder: a key stopping and deleting the trail.
    String t = D2 + "T22:1";
    LogFixtures.deliveryFile(input.getParent(), "us-east-1", D2.toString(), "late", List.of(
        tamper("late-1", t + "0:00Z", "StopLogging"), tamper("late-2", t + "1:00Z", "DeleteTrail"),
        tamper("late-3", t + "2:00Z", "DeleteTrail")));

    CliRunner.Result night3 = run(D3);
    assertThat(night3.out()).contains("late_files_for").contains("restated");
    Map<String, List<LocalDate>> runs3 = restated(D3);
    assertThat(runs3).containsEntry("ingest", List.of(D2)).containsEntry("score", List.of(D2))
        .containsEntry("publish", List.of(D2));

    // D2 was scored again, with the late events; its finding is published.
    Map<String, String> d2After = scores(D2);
    assertThat(d2After.keySet()).containsAll(d2Before.keySet());
    assertThat(d2After.entrySet()).filteredOn(e -> e.getKey().contains(LATE_KEY)).singleElement()
        .satisfies(e -> assertThat(e.getValue()).endsWith(" 3"));
    List<Row> late = new Lake(spark, lake.toUri().toString()).read("findings")
        .where(col("credential_id").contains(LATE_KEY)).collectAsList();
    assertThat(late).singleElement().satisfies(f -> {
      assertThat(f.<LocalDate>getAs("first_seen")).isEqualTo(D2);
      assertThat(f.<String>getList(f.fieldIndex("detectors"))).contains("logging_tampering");
    });

    // Nothing else changed: D1's scores are the same rows of the same run, its findings the same.
    assertThat(scores(D1)).isEqualTo(d1Before);
    assertThat(findingsUpTo(D1)).isEqualTo(findingsD1Before);

    // The same night again: nothing is late any more, nothing is restated, D2 stays as the first D3 run left it.
    run(D3);
    Map<String, List<LocalDate>> rerun = restated(D3);
    assertThat(rerun.values()).allMatch(List::isEmpty);
    assertThat(scores(D2)).isEqualTo(d2After);
  }

  static String tamper(String id, String time, String action) {
    return LogFixtures.record(id, time, LATE_KEY, "us-east-1")
        .replace("\"eventSource\":\"s3.amazonaws.com\"", "\"eventSource\":\"cloudtrail.amazonaws.com\"")
        .replace("\"eventName\":\"ListBuckets\"", "\"eventName\":\"" + action + "\"")
        .replace("\"readOnly\":true", "\"readOnly\":false")
        .replace("user/alice", "user/mallory").replace("\"userName\":\"alice\"", "\"userName\":\"mallory\"");
  }
}
