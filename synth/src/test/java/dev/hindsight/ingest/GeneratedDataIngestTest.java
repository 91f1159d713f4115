package dev.hindsight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.TestSpark;
import dev.hindsight.cli.CliRunner;
import dev.hindsight.lake.Lake;
import dev.hindsight.synth.SyntheticCloudTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator and the ingest agree: every distinct event lands once, every labelled event is there. */
class GeneratedDataIngestTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  @Test
  void generatedMonthIngestsExactlyWithItsLabelledEvents(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("gen");
    SyntheticCloudTrail.Result gen = new SyntheticCloudTrail(new SyntheticCloudTrail.Options(out,
        LocalDate.of(2026, 1, 1), 32, 11, 300, true)).generate();
    assertThat(gen.incidents()).isPositive();
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());

    IngestJob.Result r = IngestJobTest.ingest(lake, out.resolve("AWSLogs"), DateRange.ALL, false, 0.0);
    assertThat(r.filesRead()).isEqualTo(gen.files());
    assertThat(r.records()).isEqualTo(gen.records());
    assertThat(r.eventsWritten()).isEqualTo(gen.distinctEvents());
    assertThat(r.duplicatesDropped()).isEqualTo(gen.duplicateRecords());
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE raw LIKE '%IQoJb3JpZ2luX2Vj%'"
        + " OR response_json LIKE '%IQoJb3JpZ2luX2Vj%'")).as("session tokens are redacted").isZero();
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM ingest_files WHERE status = 'skipped_digest'"))
        .as("digest folders are recorded as skipped").isPositive();

    JsonNode labels = new ObjectMapper().readTree(Files.readString(gen.labels()));
    List<String> ids = new ArrayList<>();
    for (JsonNode inc : labels.get("incidents")) {
      inc.get("event_ids").forEach(id -> ids.add(id.asText()));
    }
    spark.createDataset(ids, Encoders.STRING()).toDF("event_id").createOrReplaceTempView("labelled");
    lake.registerViews();
    assertThat(spark.sql("SELECT count(*) FROM labelled l LEFT ANTI JOIN events e ON l.event_id = e.event_id")
        .first().getLong(0)).as("labelled events missing from the lake").isZero();
    assertThat(spark.sql("SELECT count(DISTINCT credential_id) FROM events e JOIN labelled l USING (event_id)")
        .first().getLong(0)).isPositive();

    // A later day run over the same tree reads nothing new.
    LocalDate day = LocalDate.of(2026, 1, 20);
    IngestJob.Result again = IngestJobTest.ingest(lake, out.resolve("AWSLogs"), new DateRange(day, day), false, 0.0);
    assertThat(again.status()).isEqualTo("noop");
    assertThat(again.filesListed()).isPositive();
  }

  @Test
  void generateCommandRunsAndRefusesToOverwrite(@TempDir Path tmp) {
    CliRunner.Result gen = CliRunner.run("generate", "--out", tmp.resolve("g").toString(), "--days", "2",
        "--events-per-day", "200", "--seed", "3");
    assertThat(gen.code()).as(gen.err()).isZero();
    assertThat(gen.out()).contains("records").contains("labels");
    CliRunner.Result again = CliRunner.run("generate", "--out", tmp.resolve("g").toString(), "--days", "2");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already holds generated logs");
    // The demo: SynthCommandsTest (quiet, tiny) and DemoFingerprintTest (--verbose, 21 days).
  }
}
