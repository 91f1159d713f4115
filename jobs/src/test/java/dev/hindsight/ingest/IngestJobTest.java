package dev.hindsight.ingest;

import dev.hindsight.TestJobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.TestSpark;
import dev.hindsight.error.JobFailedException;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class IngestJobTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  public static IngestJob.Result ingest(Lake lake, Path input, DateRange range, boolean reprocess, double maxBad) {
    return ingest(lake, "cloudtrail", java.util.Map.of(), input, range, reprocess, maxBad);
  }

  public static IngestJob.Result ingest(Lake lake, String source, Path input, DateRange range, boolean reprocess,
      double maxBad) {
    return ingest(lake, source, java.util.Map.of(), input, range, reprocess, maxBad);
  }

  /** Ingests input as the named source, with --source-option values. */
  public static IngestJob.Result ingest(Lake lake, String source, java.util.Map<String, String> options, Path input,
      DateRange range, boolean reprocess, double maxBad) {
    return TestJobs.runner(lake).run(new IngestJob(new IngestJob.Options(source, input.toString(), range, reprocess,
        maxBad, ParseLimits.DEFAULT, options)));
  }

  public static long count(Lake lake, String sql) {
    lake.registerViews();
    return lake.spark().sql(sql).first().getLong(0);
  }

  @Test
  void ingestsOnceHoldsDuplicatesOnceAndRerunsChangeNothing(@TempDir Path tmp) throws Exception {
    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());

    IngestJob.Result first = ingest(lake, logs, DateRange.ALL, false, 0.01);
    assertThat(first.filesRead()).isEqualTo(4);
    assertThat(first.records()).isEqualTo(8);
    assertThat(first.eventsWritten()).as("e-2 was delivered twice").isEqualTo(7);
    assertThat(first.duplicatesDropped()).isEqualTo(1);
    assertThat(first.quarantined()).isZero();
    assertThat(count(lake, "SELECT count(*) FROM events")).isEqualTo(7);
    assertThat(count(lake, "SELECT count(DISTINCT event_id) FROM events")).isEqualTo(7);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'e-5' AND event_date = DATE'2026-01-05'"))
        .as("an event keeps its own date even when delivered in the next day's folder").isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM ingest_files WHERE status = 'skipped_digest'")).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM ingest_files WHERE status = 'ingested'")).isEqualTo(4);

    long eventsVersion = lake.version("events");
    long filesVersion = lake.version("ingest_files");
    IngestJob.Result again = ingest(lake, logs, DateRange.ALL, false, 0.01);
    assertThat(again.status()).isEqualTo("noop");
    assertThat(again.filesAlreadyIngested()).isEqualTo(4);
    assertThat(lake.version("events")).as("a rerun writes nothing").isEqualTo(eventsVersion);
    assertThat(lake.version("ingest_files")).isEqualTo(filesVersion);

    IngestJob.Result reprocessed = ingest(lake, logs, DateRange.ALL, true, 0.01);
    assertThat(reprocessed.filesRead()).isEqualTo(4);
    assertThat(reprocessed.eventsWritten()).isZero();
    assertThat(count(lake, "SELECT count(*) FROM events")).as("--reprocess never duplicates").isEqualTo(7);

    lake.registerViews();
    List<Row> runs = spark.sql("SELECT status, rows_written['events'] FROM runs ORDER BY started_at").collectAsList();
    assertThat(runs).extracting(r -> r.getString(0)).containsExactly("succeeded", "noop", "succeeded");
    assertThat(runs.get(0).getLong(1)).isEqualTo(7L);
  }

  @Test
  void aDateRangeListsOnlyItsDayPrefixes(@TempDir Path tmp) throws Exception {
    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    LocalDate day = LocalDate.of(2026, 1, 6);
    IngestJob.Result r = ingest(lake, logs, new DateRange(day, day), false, 0.01);
    assertThat(r.filesRead()).isEqualTo(1);
    assertThat(r.eventsWritten()).isEqualTo(2);
    List<String> dayLevel = r.listedPrefixes().stream().filter(p -> p.matches(".*/CloudTrail/[^/]+/.+")).toList();
    assertThat(dayLevel).as("inside each region only the day's prefix is listed")
        .allMatch(p -> p.endsWith("/2026/01/06")).hasSize(2);
    assertThat(r.listedPrefixes()).noneMatch(p -> p.contains("/2026/01/05") || p.endsWith("/us-east-1/2026"));
  }

  @Test
  void badFilesAreQuarantinedWithReasonsAndTooManyFailTheRunWithoutWritingEvents(@TempDir Path tmp) throws Exception {
    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    Path day = logs.resolve("AWSLogs/" + LogFixtures.ACCOUNT + "/CloudTrail/us-east-1/2026/01/05");
    Files.writeString(day.resolve(LogFixtures.ACCOUNT + "_CloudTrail_us-east-1_20260105T0100Z_bad.json.gz"), "not gzip {");
    Files.write(day.resolve(LogFixtures.ACCOUNT + "_CloudTrail_us-east-1_20260105T0200Z_cut.json.gz"),
        java.util.Arrays.copyOf(Files.readAllBytes(Files.list(day).filter(p -> p.toString().endsWith("_a.json.gz"))
            .findFirst().orElseThrow()), 30));
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());

    assertThatThrownBy(() -> ingest(lake, logs, DateRange.ALL, false, 0.01))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("were quarantined, over --max-bad-ratio 0.01");
    assertThat(count(lake, "SELECT count(*) FROM events")).as("a failed run writes no events").isZero();
    lake.registerViews();
    assertThat(spark.sql("SELECT reason FROM quarantine ORDER BY reason").collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("INVALID_JSON", "TRUNCATED_GZIP");
    assertThat(count(lake, "SELECT count(*) FROM ingest_files WHERE status = 'failed'")).isEqualTo(6);
    assertThat(count(lake, "SELECT count(*) FROM runs WHERE status = 'failed' AND error LIKE '%max-bad-ratio%'"))
        .isEqualTo(1);

    IngestJob.Result tolerant = ingest(lake, logs, DateRange.ALL, false, 0.5);
    assertThat(tolerant.filesRead()).as("failed files are read again").isEqualTo(6);
    assertThat(tolerant.eventsWritten()).isEqualTo(7);
    assertThat(count(lake, "SELECT count(*) FROM quarantine")).as("quarantine rows are not duplicated").isEqualTo(2);
  }

  @Test
  void packsManyFilesIntoFewBalancedTasks() {
    List<InputFile> files = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      files.add(new InputFile("f" + i, 1000 + i, 0));
    }
    List<List<InputFile>> bins = IngestJob.pack(files, 2);
    assertThat(bins).hasSize(4);
    assertThat(bins.stream().mapToInt(List::size).sum()).isEqualTo(1000);
    long max = bins.stream().mapToLong(b -> b.stream().mapToLong(InputFile::size).sum()).max().orElseThrow();
    long min = bins.stream().mapToLong(b -> b.stream().mapToLong(InputFile::size).sum()).min().orElseThrow();
    assertThat((double) max / min).isLessThan(1.01);
  }
}
