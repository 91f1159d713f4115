package dev.hindsight.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.audit.SampleJob;
import dev.hindsight.audit.SampleVerifier;
import dev.hindsight.error.LakeStateException;
import dev.hindsight.error.UsageException;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Triage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Years of history: a sample pinned before maintenance verifies (and redraws) after OPTIMIZE and VACUUM, every
 * table carries the lake's retention, and the tables register in the session's catalog.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintainTest {
  static final LocalDate DAY = LocalDate.of(2023, 7, 10);
  static SparkSession spark;
  static Lake lake;
  @TempDir static Path tmp;

  /** The real Invictus trail split in two deliveries, so the day's partition ends up with several files. */
  @BeforeAll
  static void lake() throws Exception {
    spark = TestSpark.get();
    Path src = TestSpark.datasets().resolve("invictus_ir_aws_dataset/raw/CloudTrail");
    List<Path> files;
    try (Stream<Path> s = Files.list(src)) {
      files = s.sorted().toList();
    }
    Path first = Files.createDirectories(tmp.resolve("in1"));
    Path second = Files.createDirectories(tmp.resolve("in2"));
    for (int i = 0; i < files.size(); i++) {
      Files.copy(files.get(i), (i < files.size() / 2 ? first : second).resolve(files.get(i).getFileName()));
    }
    lake = new Lake(spark, tmp.resolve("lake").toString());
    IngestJobTest.ingest(lake, first, DateRange.ALL, false, 0.0);
  }

  static Map<String, String> properties(String table) {
    Map<String, String> m = new HashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + lake.path(table) + "`").collectAsList()) {
      m.put(r.getString(0), r.getString(1));
    }
    return m;
  }

  @Test
  @Order(1)
  void aSamplePinnedBeforeMaintenanceStillVerifiesAndRedrawsAfterIt() throws Exception {
    Path folder = tmp.resolve("sample");
    TestJobs.runner(lake).run(new SampleJob(new SampleJob.Options(SampleJob.Table.events, DAY, DAY, 20, 7, List.of(),
        null, folder.toString(), SampleJob.Format.csv, false)));
    long pinned = lake.version("events");
    IngestJobTest.ingest(lake, tmp.resolve("in2"), DateRange.ALL, false, 0.0);
    assertThat(lake.version("events")).isGreaterThan(pinned);
    long filesBefore = MaintainJob.files(lake, lake.path("events"));

    MaintainJob.Result r = TestJobs.runner(lake).run(new MaintainJob(new MaintainJob.Options(null, true, true, null,
        null, List.of())));

    assertThat(r.retentionDays()).isEqualTo(Lake.DEFAULT_RETENTION_DAYS);
    MaintainJob.TableResult events = r.tables().stream().filter(t -> t.table().equals("events")).findFirst()
        .orElseThrow();
    assertThat(events.filesRemoved()).as("the day's small files were compacted").isGreaterThan(1);
    assertThat(events.filesAdded()).isLessThan(events.filesRemoved());
    assertThat(events.filesVacuumed()).as("every removed file is within the 400-day retention").isZero();
    assertThat(MaintainJob.files(lake, lake.path("events"))).isEqualTo(filesBefore + events.filesAdded());
    for (String t : lake.tables()) {
      assertThat(properties(t)).as(t).containsEntry("delta.logRetentionDuration", "interval 400 days")
          .containsEntry("delta.deletedFileRetentionDuration", "interval 400 days")
          .containsEntry(Lake.RETENTION_PROPERTY, "400");
    }
    List<SampleVerifier.Check> checks = SampleVerifier.verify(lake, folder.toString(), true);
    assertThat(checks).isNotEmpty().allSatisfy(c -> assertThat(c.ok()).as(c.name() + ": " + c.detail()).isTrue());
    assertThat(spark.read().format("delta").option("versionAsOf", pinned).load(lake.path("events")).count())
        .as("the pinned version reads after maintenance").isPositive();
  }

  @Test
  @Order(2)
  void aNewRetentionReachesEveryTableAndTheTablesCreatedLater() {
    assertThatThrownBy(() -> new MaintainJob.Options(3, false, false, null, null, null))
        .isInstanceOf(UsageException.class).hasMessageContaining("--retention-days must be 7..");
    TestJobs.runner(lake).run(new MaintainJob(new MaintainJob.Options(30, false, false, null, null, List.of())));
    assertThat(lake.retentionDays()).isEqualTo(30);
    for (String t : lake.tables()) {
      assertThat(properties(t)).as(t).containsEntry("delta.deletedFileRetentionDuration", "interval 30 days");
    }
    lake.ensure(Triage.TABLE);
    assertThat(properties(Triage.TABLE)).containsEntry("delta.logRetentionDuration", "interval 30 days")
        .containsEntry(Lake.RETENTION_PROPERTY, "30");
  }

  @Test
  @Order(3)
  void theTablesRegisterInTheSessionsCatalogOnceAndAClashIsRefused() {
    CatalogJob.Result r = TestJobs.runner(lake).run(new CatalogJob(new CatalogJob.Options("hs_catalog_test", false)));
    assertThat(r.registered()).containsExactlyElementsOf(lake.tables());
    assertThat(spark.sql("SELECT count(*) FROM hs_catalog_test.events").first().getLong(0))
        .isEqualTo(lake.read("events").count());
    assertThat(spark.sql("SELECT count(*) FROM hs_catalog_test.runs").first().getLong(0)).isPositive();

    CatalogJob.Result again = TestJobs.runner(lake).run(new CatalogJob(new CatalogJob.Options("hs_catalog_test",
        false)));
    assertThat(again.registered()).isEmpty();
    assertThat(again.unchanged()).containsExactlyElementsOf(lake.tables());

    Lake other = new Lake(spark, tmp.resolve("other-lake").toString());
    other.ensure("runs");
    assertThatThrownBy(() -> TestJobs.runner(other).run(new CatalogJob(new CatalogJob.Options("hs_catalog_test",
        false)))).isInstanceOf(LakeStateException.class).hasMessageContaining("already registered at");
    TestJobs.runner(other).run(new CatalogJob(new CatalogJob.Options("hs_catalog_test", true)));
    assertThat(spark.sql("DESCRIBE DETAIL hs_catalog_test.runs").first().<String>getAs("location"))
        .contains("other-lake");
    assertThat(spark.sql("SELECT count(*) FROM hs_catalog_test.events").first().getLong(0))
        .as("the other tables still point at the first lake").isEqualTo(lake.read("events").count());
  }
}
