package dev.hindsight.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.lake.Lake;
import dev.hindsight.job.JobRunner;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.ScoringJob;
import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.synth.SyntheticCloudTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Nightly cost must not grow with history: on one generated lake, times the nightly step (features + score +
 * publish for one day) on day 30 and on day 120, each after the days before it were backfilled, and reports
 * the rows each night read. Same JVM, same cores; each night is run three times and the median kept.
 */
public final class NightlyCostBenchmark {
  public static void main(String[] args) throws Exception {
    var a = IngestBenchmark.parseArgs(args);
    Path work = Path.of(a.getOrDefault("work", "bench/work")).toAbsolutePath();
    int perDay = Integer.parseInt(a.getOrDefault("events-per-day", "2000"));
    int cores = Integer.parseInt(a.getOrDefault("cores", "2"));
    LocalDate start = LocalDate.of(2026, 1, 1);
    int days = 121;
    Path data = work.resolve("nightly-" + days + "x" + perDay);
    if (!Files.exists(data.resolve("labels.json"))) {
      new SyntheticCloudTrail(new SyntheticCloudTrail.Options(data, start, days, 7, perDay, false)).generate();
    }
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("hindsight-nightly-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC").config("spark.sql.datetime.java8API.enabled", "true")
        .getOrCreate();
    try {
      Path lakeDir = work.resolve("nightly-lake");
      IngestBenchmark.deleteRecursively(lakeDir);
      Lake lake = new Lake(spark, lakeDir.toString());
      ScoringConfig config = ScoringConfig.defaults();
      GeoIp geo = GeoIp.fromDefaultDir();
      runner(lake).run(new IngestJob(new IngestJob.Options("cloudtrail", data.resolve("AWSLogs").toString(),
          DateRange.ALL, false, 0.01, null)));
      long events = lake.read("events").count();
      System.out.printf(Locale.ROOT, "lake: %d events over %d days, GeoIP %s%n", events, days,
          geo.available() ? "on" : "off");

      LocalDate day30 = start.plusDays(29);
      LocalDate day120 = start.plusDays(119);
      backfill(lake, config, geo, start, day30.minusDays(1));
      double[] n30 = night(lake, config, geo, day30);
      backfill(lake, config, geo, day30.plusDays(1), day120.minusDays(1));
      double[] n120 = night(lake, config, geo, day120);
      System.out.println();
      System.out.println("| night | history before it | median seconds (3 runs) | events read | credential_daily rows read |");
      System.out.println("|---|---:|---:|---:|---:|");
      System.out.printf(Locale.ROOT, "| day 30 (%s) | 29 days | %.1f | %,d | %,d |%n", day30, n30[0], (long) n30[1],
          (long) n30[2]);
      System.out.printf(Locale.ROOT, "| day 120 (%s) | 119 days | %.1f | %,d | %,d |%n", day120, n120[0],
          (long) n120[1], (long) n120[2]);
      System.out.printf(Locale.ROOT, "ratio day 120 / day 30: %.2fx time%n", n120[0] / n30[0]);
    } finally {
      spark.stop();
    }
  }

  static JobRunner runner(Lake lake) {
    return new JobRunner(lake, List.of("bench"), "local");
  }

  static void backfill(Lake lake, ScoringConfig config, GeoIp geo, LocalDate from, LocalDate to) {
    JobRunner runner = runner(lake);
    runner.run(new ScoringJob(config, geo, from, to));
    runner.run(new PublishJob(config, from, to));
  }

  /** {median seconds, events of the day, credential_daily rows in the windows the night reads} */
  static double[] night(Lake lake, ScoringConfig config, GeoIp geo, LocalDate day) {
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      backfill(lake, config, geo, day, day);
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    java.util.Arrays.sort(t);
    long events = lake.read("events").where(col("event_date").equalTo(lit(day))).count();
    long daily = lake.read("credential_daily").where(col("event_date").between(
        lit(day.minusDays(config.lookbackDays())), lit(day.minusDays(1)))).count();
    return new double[] {t[1], events, daily};
  }
}
