package dev.hindsight.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.TestSpark;
import dev.hindsight.error.LakeStateException;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Runs;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake written by the previous schema version of findings (version 1: no attack_techniques), or of runs (version
 * 1: no source, restated_dates), is read and upgraded by this one; the versions before the upgrade stay readable
 * as they were.
 */
class MigrationTest {
  static final SparkSession SPARK = TestSpark.get();

  /** findings as schema version 1 declared it: today's columns without those version 2 appended. */
  static StructType findingsV1() {
    StructField[] all = Findings.schema().fields();
    return new StructType(Arrays.copyOf(all, Arrays.asList(Findings.schema().fieldNames())
        .indexOf(Findings.ATTACK_TECHNIQUES)));
  }

  static Row v1Row(String id) {
    Row full = new Findings().findingId(id).credentialId("AKIAEXAMPLE").credentialType("iam_user").principal("u")
        .accountId("1").sources(List.of("cloudtrail")).regions(List.of("us-east-1"))
        .firstSeen(LocalDate.of(2026, 3, 1)).lastSeen(LocalDate.of(2026, 3, 1)).days(1).score(80).severity("high")
        .detectors(List.of("new_origin")).summary("s").reasons(List.of()).coldStart(false)
        .evidenceEventIds(List.of()).runId("r1").configVersion("c1").toRow();
    Object[] v = new Object[findingsV1().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = full.get(i);
    }
    return org.apache.spark.sql.RowFactory.create(v);
  }

  static void writeV1(Lake lake) {
    DeltaTable.create(SPARK).location(lake.path(Findings.TABLE)).addColumns(findingsV1())
        .property(Lake.SCHEMA_VERSION_PROPERTY, "1").execute();
    SPARK.createDataFrame(List.of(v1Row("f1")), findingsV1()).write().format("delta").mode("append")
        .save(lake.path(Findings.TABLE));
  }

  @Test
  void anOlderTableReadsWithTheNewColumnAsNullsBeforeItIsMigrated(@TempDir Path dir) {
    Lake lake = new Lake(SPARK, dir.toString());
    writeV1(lake);
    long before = lake.version(Findings.TABLE);
    Row r = lake.read(Findings.TABLE).first();
    assertThat(r.<Object>getAs(Findings.ATTACK_TECHNIQUES)).isNull();
    assertThat(lake.version(Findings.TABLE)).as("reading never migrates").isEqualTo(before);
  }

  @Test
  void ensureMigratesAnAdditiveChangeInPlaceAndKeepsTheOldVersionsReadable(@TempDir Path dir) {
    Lake lake = new Lake(SPARK, dir.toString());
    writeV1(lake);
    long v1 = lake.version(Findings.TABLE);

    lake.ensure(Findings.TABLE);

    String property = SPARK.sql("SHOW TBLPROPERTIES delta.`" + lake.path(Findings.TABLE) + "` ('"
        + Lake.SCHEMA_VERSION_PROPERTY + "')").first().getString(1);
    assertThat(property).isEqualTo("2");
    StructType now = SPARK.read().format("delta").load(lake.path(Findings.TABLE)).schema();
    assertThat(now.fieldNames()).containsExactly(Findings.schema().fieldNames());
    Row old = lake.read(Findings.TABLE).first();
    assertThat(old.<String>getAs(Findings.FINDING_ID)).isEqualTo("f1");
    assertThat(old.<Object>getAs(Findings.ATTACK_TECHNIQUES)).isNull();
    Row h = DeltaTable.forPath(SPARK, lake.path(Findings.TABLE)).history(1).first();
    assertThat(h.<String>getAs("userMetadata")).isEqualTo("hindsight migrate findings schema 1 -> 2");
    assertThat(SPARK.read().format("delta").option("versionAsOf", v1).load(lake.path(Findings.TABLE)).columns())
        .as("a version an auditor pinned before the migration reads as it was").doesNotContain(Findings.ATTACK_TECHNIQUES)
        .hasSize(findingsV1().size());

    // New rows carry the column; a second ensure is a no-op.
    SPARK.createDataFrame(List.of(new Findings().findingId("f2").credentialId("k").sources(List.of())
        .regions(List.of()).firstSeen(LocalDate.of(2026, 3, 2)).lastSeen(LocalDate.of(2026, 3, 2)).severity("low")
        .detectors(List.of()).summary("s").reasons(List.of()).evidenceEventIds(List.of()).runId("r2")
        .configVersion("c").attackTechniques(List.of("T1078.004")).toRow()), Findings.schema())
        .write().format("delta").mode("append").save(lake.path(Findings.TABLE));
    long v = lake.version(Findings.TABLE);
    lake.ensure(Findings.TABLE);
    assertThat(lake.version(Findings.TABLE)).isEqualTo(v);
    assertThat(lake.read(Findings.TABLE).where("finding_id = 'f2'").first()
        .<scala.collection.Seq<String>>getAs(Findings.ATTACK_TECHNIQUES).head()).isEqualTo("T1078.004");
  }

  /** runs as schema version 1 declared it: today's columns without source and restated_dates (version 2). */
  static StructType runsV1() {
    StructField[] all = Runs.schema().fields();
    return new StructType(Arrays.copyOf(all, Arrays.asList(Runs.schema().fieldNames()).indexOf(Runs.SOURCE)));
  }

  @Test
  void aRunsTableOfVersion1IsMigratedByTheNextRunItRecordsAndItsOldRowsStay(@TempDir Path dir) {
    Lake lake = new Lake(SPARK, dir.toString());
    Row full = new Runs().runId("old").command("ingest").arguments("ingest --source cloudtrail").startedAt(
        java.time.Instant.parse("2026-03-01T01:00:00Z")).endedAt(java.time.Instant.parse("2026-03-01T01:05:00Z"))
        .status("succeeded").dateFrom(LocalDate.of(2026, 3, 1)).dateTo(LocalDate.of(2026, 3, 1)).inputFiles(3L)
        .inputBytes(100L).rowsRead(java.util.Map.of()).rowsWritten(java.util.Map.of("events", 12L))
        .rowsQuarantined(0L).tableVersions(java.util.Map.of("events", 1L)).codeVersion("0.0.9").sparkMaster("local[2]")
        .toRow();
    Object[] v = new Object[runsV1().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = full.get(i);
    }
    DeltaTable.create(SPARK).location(lake.path(Runs.TABLE)).addColumns(runsV1())
        .property(Lake.SCHEMA_VERSION_PROPERTY, "1").execute();
    SPARK.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(v)), runsV1()).write().format("delta")
        .mode("append").save(lake.path(Runs.TABLE));
    long v1 = lake.version(Runs.TABLE);

    new RunLog("score", List.of("score", "--late-days", "7"), "local[1]").dates(LocalDate.of(2026, 3, 2),
        LocalDate.of(2026, 3, 2)).restated(List.of(LocalDate.of(2026, 3, 1))).succeeded().record(lake);

    assertThat(SPARK.sql("SHOW TBLPROPERTIES delta.`" + lake.path(Runs.TABLE) + "` ('" + Lake.SCHEMA_VERSION_PROPERTY
        + "')").first().getString(1)).isEqualTo("2");
    List<Row> rows = lake.read(Runs.TABLE).orderBy(Runs.STARTED_AT).collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<String>getAs(Runs.RUN_ID)).isEqualTo("old");
    assertThat(rows.get(0).<Object>getAs(Runs.SOURCE)).as("an old run's source is unknown").isNull();
    assertThat(rows.get(0).<Object>getAs(Runs.RESTATED_DATES)).isNull();
    assertThat(rows.get(0).<scala.collection.Map<String, Long>>getAs(Runs.ROWS_WRITTEN).get("events").get())
        .isEqualTo(12L);
    assertThat(rows.get(1).<scala.collection.Seq<Object>>getAs(Runs.RESTATED_DATES).head())
        .hasToString("2026-03-01");
    assertThat(SPARK.read().format("delta").option("versionAsOf", v1).load(lake.path(Runs.TABLE)).columns())
        .as("the version before the migration reads as it was").doesNotContain(Runs.SOURCE, Runs.RESTATED_DATES);
  }

  @Test
  void aChangeThatIsNotAdditiveOrANewerTableIsRefused(@TempDir Path dir) {
    Lake lake = new Lake(SPARK, dir.resolve("retyped").toString());
    StructField[] f = findingsV1().fields().clone();
    int score = Arrays.asList(findingsV1().fieldNames()).indexOf(Findings.SCORE);
    f[score] = new StructField(Findings.SCORE, org.apache.spark.sql.types.DataTypes.StringType, false,
        org.apache.spark.sql.types.Metadata.empty());
    DeltaTable.create(SPARK).location(lake.path(Findings.TABLE)).addColumns(new StructType(f))
        .property(Lake.SCHEMA_VERSION_PROPERTY, "1").execute();
    assertThatThrownBy(() -> lake.ensure(Findings.TABLE)).isInstanceOf(LakeStateException.class)
        .hasMessageContaining("schema version");

    Lake newer = new Lake(SPARK, dir.resolve("newer").toString());
    DeltaTable.create(SPARK).location(newer.path(Findings.TABLE)).addColumns(Findings.schema())
        .property(Lake.SCHEMA_VERSION_PROPERTY, "3").execute();
    assertThatThrownBy(() -> newer.ensure(Findings.TABLE)).isInstanceOf(LakeStateException.class)
        .hasMessageContaining("schema version");
  }
}
