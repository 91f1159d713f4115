package dev.hindsight.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.synth.SyntheticSource;
import dev.hindsight.synth.Synthetics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent writers as the DAG makes them: one ingest process per source started together on one lake (all
 * writing events, quarantine, ingest_files and runs at once, into the same event_date partitions), plus a second
 * ingest of the same source at the same time. Real processes (separate JVMs, each with its own Spark), not
 * threads: every source's events must land exactly once and every process must exit 0.
 *
 * <p>The lake is new: the processes also create its tables at once. Delta 4.3 alone does not make that safe
 * (measured before Lake's creation lock: the losers failed with DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION, and the
 * winner's _delta_log was then gone); with it, one process creates each table and the others wait for it.
 */
class ConcurrentWritersTest {
  static final LocalDate START = LocalDate.of(2026, 3, 1);

  static Process ingest(Path lake, String source, Path input, Path log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(System.getProperty("hindsight.test.jvm.flags", "").split(" ")));
    cmd.removeIf(String::isBlank);
    cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.hindsight.cli.Hindsight",
        "ingest", "--lake", lake.toString(), "--source", source, "--input", input.toString(),
        "--master", "local[1]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.sql.shuffle.partitions=2"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void ingestsOfDifferentSourcesAndOfTheSameSourceRunTogetherAndLandEveryEventOnce(@TempDir Path tmp)
      throws Exception {
    Map<String, SyntheticSource.Generated> gen = new LinkedHashMap<>();
    for (String source : List.of("cloudtrail", "azure-activity", "gcp-audit")) {
      Path out = tmp.resolve("logs").resolve(source);
      gen.put(source, Synthetics.byName(source).generate(new SyntheticSource.Spec(out, START, 3, 5, 200)));
    }
    Path lake = tmp.resolve("lake");
    assertThat(lake).doesNotExist();

    List<Process> procs = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    List<String> what = new ArrayList<>();
    for (String source : List.of("cloudtrail", "azure-activity", "gcp-audit", "cloudtrail")) {
      Path log = Files.createDirectories(Path.of("target", "concurrent-writers"))
          .resolve("ingest-" + logs.size() + "-" + source + ".log"); // kept after the run, for a failure
      procs.add(ingest(lake, source, gen.get(source).input(), log));
      logs.add(log);
      what.add(source);
    }
    for (int i = 0; i < procs.size(); i++) {
      assertThat(procs.get(i).waitFor(15, TimeUnit.MINUTES)).as("process %d ends", i).isTrue();
      String out = Files.readString(logs.get(i));
      assertThat(procs.get(i).exitValue()).as("ingest %s (%d) exits 0:%n%s", what.get(i), i,
          out.substring(Math.max(0, out.length() - 4000))).isZero();
    }

    Lake l = new Lake(TestSpark.get(), lake.toString());
    l.registerViews();
    Map<String, Long> bySource = new LinkedHashMap<>();
    for (Row r : TestSpark.get().sql("SELECT source, count(*), count(DISTINCT event_id) FROM events GROUP BY source")
        .collectAsList()) {
      assertThat(r.getLong(1)).as("no event twice in " + r.getString(0)).isEqualTo(r.getLong(2));
      bySource.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> expected = new LinkedHashMap<>();
    gen.forEach((source, g) -> expected.put(source, g.distinctEvents()));
    assertThat(bySource).as("every source's events, exactly once").isEqualTo(expected);
    assertThat(TestSpark.get().sql("SELECT count(*) FROM ingest_files GROUP BY source, path HAVING count(*) > 1")
        .count()).as("each file recorded once").isZero();
    assertThat(TestSpark.get().sql("SELECT status, count(*) FROM runs GROUP BY status").collectAsList())
        .extracting(r -> r.getString(0) + "=" + r.getLong(1))
        .as("every ingest run recorded; the duplicate one succeeded or found nothing new")
        .allMatch(s -> s.startsWith("succeeded=") || s.startsWith("noop="));
    assertThat(TestSpark.get().sql("SELECT count(*) FROM runs").first().getLong(0)).isEqualTo(4L);
    assertThat(lake.resolve("_hindsight/locks")).as("every creation lock released").isEmptyDirectory();
  }
}
