package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.ingest.LogFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @Test
  void badUsageExitsTwoWithAOneLineMessageNamingTheOption(@TempDir Path tmp) {
    CliRunner.Result unknownSource = CliRunner.run("ingest", "--lake", tmp.toString(), "--source", "syslog",
        "--input", tmp.toString());
    assertThat(unknownSource.code()).isEqualTo(2);
    assertThat(unknownSource.err()).startsWith("hindsight ingest: Cannot read source 'syslog': known sources are cloudtrail, security-lake, azure-activity, entra-signin, gcp-audit, bedrock-invocations, llm-audit, anthropic-usage, openai-usage, proxy");

    CliRunner.Result badDate = CliRunner.run("ingest", "--source", "cloudtrail", "--input", "x", "--from", "2026-13-01",
        "--to", "2026-12-01");
    assertThat(badDate.code()).isEqualTo(2);
    assertThat(badDate.err()).contains("--from").contains("2026-13-01");

    CliRunner.Result reversed = CliRunner.run("ingest", "--source", "cloudtrail", "--input", "x",
        "--from", "2026-02-01", "--to", "2026-01-01");
    assertThat(reversed.code()).isEqualTo(2);
    assertThat(reversed.err()).contains("--from 2026-02-01 is after --to 2026-01-01");

    CliRunner.Result half = CliRunner.run("ingest", "--source", "cloudtrail", "--input", "x", "--from", "2026-02-01");
    assertThat(half.code()).isEqualTo(2);
    assertThat(half.err()).contains("--from and --to go together");

    CliRunner.Result missing = CliRunner.run("ingest", "--input", "x");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--source");

    CliRunner.Result format = CliRunner.run("sql", "--format", "xml", "SELECT 1");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("--format").contains("table, csv, json");

    CliRunner.Result ratio = CliRunner.run("ingest", "--source", "cloudtrail", "--input", "x", "--max-bad-ratio", "2");
    assertThat(ratio.code()).isEqualTo(2);
    assertThat(ratio.err()).contains("--max-bad-ratio must be between 0 and 1");

    assertThat(CliRunner.run().code()).isEqualTo(2);
    assertThat(CliRunner.run("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd : new String[] {"ingest", "sql", "score", "publish", "run", "backfill", "findings", "evaluate"}) {
      CliRunner.Result r = CliRunner.run(cmd, "--help");
      assertThat(r.code()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: hindsight " + cmd);
    }
  }

  @Test
  void aMissingInputFailsTheJobWithExitOneAndIsRecorded(@TempDir Path tmp) {
    String lake = tmp.resolve("lake").toString();
    CliRunner.Result r = CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input",
        tmp.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("does not exist");
    CliRunner.Result runs = CliRunner.run("sql", "--lake", lake, "--format", "csv", "SELECT command, status FROM runs");
    assertThat(runs.out()).isEqualTo("command,status\ningest,failed\n");
  }

  @Test
  void sqlPrintsTableCsvAndJson(@TempDir Path tmp) throws Exception {
    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    String lake = tmp.resolve("lake").toString();
    assertThat(CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input", logs.toString()).code())
        .isZero();
    String q = "SELECT event_id, event_time, event_date, region FROM events WHERE event_id IN ('e-1', 'e-6') ORDER BY event_id";
    assertThat(CliRunner.run("sql", "--lake", lake, "--format", "csv", q).out()).isEqualTo(
        "event_id,event_time,event_date,region\ne-1,2026-01-05T10:00:00Z,2026-01-05,us-east-1\n"
            + "e-6,2026-01-07T09:00:00Z,2026-01-07,eu-west-1\n");
    assertThat(CliRunner.run("sql", "--lake", lake, "--format", "json", q).out()).isEqualTo(
        "{\"event_id\":\"e-1\",\"event_time\":\"2026-01-05T10:00:00Z\",\"event_date\":\"2026-01-05\",\"region\":\"us-east-1\"}\n"
            + "{\"event_id\":\"e-6\",\"event_time\":\"2026-01-07T09:00:00Z\",\"event_date\":\"2026-01-07\",\"region\":\"eu-west-1\"}\n");
    CliRunner.Result table = CliRunner.run("sql", "--lake", lake, q);
    assertThat(table.out()).contains("| e-1      | 2026-01-05T10:00:00Z |").endsWith("2 rows\n");
    CliRunner.Result tables = CliRunner.run("sql", "--lake", lake, "--format", "csv", "SHOW VIEWS");
    assertThat(tables.out()).contains("events").contains("quarantine").contains("ingest_files").contains("runs");
    CliRunner.Result bad = CliRunner.run("sql", "--lake", lake, "SELECT nope FROM events");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("query failed");
    CliRunner.Result parse = CliRunner.run("sql", "--lake", lake, "SELEC 1");
    assertThat(parse.code()).isEqualTo(2);
  }

  @Test
  void secretsInTheCommandLineAreMaskedInRuns(@TempDir Path tmp) throws Exception {
    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    String lake = tmp.resolve("lake").toString();
    CliRunner.Result r = CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input", logs.toString(),
        "--conf", "spark.hadoop.fs.s3a.secret.key=SUPERSECRET", "--conf", "spark.sql.shuffle.partitions=2");
    assertThat(r.code()).as(r.err()).isZero();
    String args = CliRunner.run("sql", "--lake", lake, "--format", "csv", "SELECT arguments FROM runs").out();
    assertThat(args).doesNotContain("SUPERSECRET").contains("spark.hadoop.fs.s3a.secret.key=*****")
        .contains("spark.sql.shuffle.partitions=2");
    assertThat(Files.exists(tmp.resolve("lake/events/_delta_log"))).isTrue();
  }

  @Test
  void scoringCommandsRefuseBadUsageBeforeAnyWork(@TempDir Path tmp) throws Exception {
    String lake = tmp.resolve("lake").toString();
    CliRunner.Result reversed = CliRunner.run("score", "--lake", lake, "--from", "2026-02-01", "--to", "2026-01-01");
    assertThat(reversed.code()).isEqualTo(2);
    assertThat(reversed.err()).contains("--from 2026-02-01 is after --to 2026-01-01");

    Path typo = tmp.resolve("scoring.json");
    Files.writeString(typo, "{\"baseline_dayz\": 30}");
    CliRunner.Result unknownKey = CliRunner.run("score", "--lake", lake, "--from", "2026-01-01", "--to", "2026-01-02",
        "--config", typo.toString());
    assertThat(unknownKey.code()).isEqualTo(2);
    assertThat(unknownKey.err()).contains("unknown key 'baseline_dayz'");

    Files.writeString(typo, "{\"params\": {\"region_sweep.min_region\": 3}}");
    CliRunner.Result unknownParam = CliRunner.run("score", "--lake", lake, "--from", "2026-01-01", "--to",
        "2026-01-02", "--config", typo.toString());
    assertThat(unknownParam.code()).isEqualTo(2);
    assertThat(unknownParam.err()).contains("unknown parameter 'region_sweep.min_region'");

    CliRunner.Result noGeo = CliRunner.run("score", "--lake", lake, "--from", "2026-01-01", "--to", "2026-01-02",
        "--geoip", tmp.resolve("missing.mmdb").toString());
    assertThat(noGeo.code()).isEqualTo(2);
    assertThat(noGeo.err()).contains("Cannot open GeoIP database");

    CliRunner.Result findings = CliRunner.run("findings", "--lake", lake, "--from", "2026-01-01", "--to", "2026-01-02");
    assertThat(findings.code()).isEqualTo(1);
    assertThat(findings.err()).contains("has no findings table yet");

    CliRunner.Result labels = CliRunner.run("evaluate", "--lake", lake, "--from", "2026-01-01", "--to", "2026-01-02",
        "--labels", tmp.resolve("nope.json").toString());
    assertThat(labels.code()).isEqualTo(2);
    assertThat(labels.err()).contains("Cannot read labels");

    CliRunner.Result chunk = CliRunner.run("backfill", "--lake", lake, "--source", "cloudtrail", "--input", "x",
        "--from", "2026-01-01", "--to", "2026-01-02", "--chunk-days", "0");
    assertThat(chunk.code()).isEqualTo(2);
    assertThat(chunk.err()).contains("--chunk-days must be within 1..366");
  }

  @Test
  void runAndBackfillChainTheStepsAndBackfillResumes(@TempDir Path tmp) throws Exception {
    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    String lake = tmp.resolve("lake").toString();
    CliRunner.Result run = CliRunner.run("run", "--lake", lake, "--source", "cloudtrail", "--input", logs.toString(),
        "--date", "2026-01-05", "--no-geoip");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("ingest:").contains("score:").contains("publish:");
    assertThat(CliRunner.run("sql", "--lake", lake, "--format", "csv",
        "SELECT command, status, date_from FROM runs ORDER BY started_at").out())
        .isEqualTo("command,status,date_from\ningest,succeeded,2026-01-05\nscore,succeeded,2026-01-05\n"
            + "publish,succeeded,2026-01-05\n");
    assertThat(CliRunner.run("sql", "--lake", lake, "--format", "csv",
        "SELECT count(*) FROM events").out()).as("the day's files only").isEqualTo("count(1)\n3\n");

    String[] backfill = {"backfill", "--lake", lake, "--source", "cloudtrail", "--input", logs.toString(),
        "--from", "2026-01-05", "--to", "2026-01-07", "--chunk-days", "2", "--no-geoip"};
    CliRunner.Result first = CliRunner.run(backfill);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out().lines()).as("one line per chunk: counts, days done").hasSize(2)
        .anyMatch(l -> l.matches("\\[1/2\\] chunk 2026-01-05\\.\\.2026-01-06 +\\d+ files +\\d+ events +\\d+ findings .* s  2/3 days.*"))
        .anyMatch(l -> l.matches("\\[2/2\\] chunk 2026-01-07\\.\\.2026-01-07 +\\d+ files .* s  3/3 days.*"));
    CliRunner.Result again = CliRunner.run(backfill);
    assertThat(again.code()).isZero();
    assertThat(again.out().lines()).hasSize(2)
        .anyMatch(l -> l.startsWith("[1/2] chunk 2026-01-05..2026-01-06  already done") && l.endsWith("2/3 days"))
        .anyMatch(l -> l.startsWith("[2/2] chunk 2026-01-07..2026-01-07  already done") && l.endsWith("3/3 days"));
    assertThat(CliRunner.run("sql", "--lake", lake, "--format", "csv",
        "SELECT count(*), count(DISTINCT event_date) FROM scores").out()).as("one row per credential x region x day, none duplicated by the rerun")
        .isEqualTo("count(1),count(DISTINCT event_date)\n3,3\n");
  }

  @Test
  void machineFormatsPrintEveryRowAndTheTableSaysWhatItLeftOut(@TempDir Path tmp) {
    String lake = tmp.resolve("lake").toString();
    String q = "SELECT id FROM range(1500) ORDER BY id";
    CliRunner.Result csv = CliRunner.run("sql", "--lake", lake, "--format", "csv", q);
    assertThat(csv.code()).isZero();
    assertThat(csv.out().split("\n")).as("header and every row").hasSize(1501).endsWith("1499");
    CliRunner.Result json = CliRunner.run("sql", "--lake", lake, "--format", "json", q);
    assertThat(json.out().split("\n")).hasSize(1500).startsWith("{\"id\":0}");
    CliRunner.Result table = CliRunner.run("sql", "--lake", lake, q);
    assertThat(table.out()).contains("| 999 ").doesNotContain("| 1000 ")
        .endsWith("1000 rows shown of 1500 (500 not shown; --limit N shows more, --format csv|json prints every row)\n");
    CliRunner.Result limited = CliRunner.run("sql", "--lake", lake, "--format", "csv", "--limit", "10", q);
    assertThat(limited.out().split("\n")).hasSize(11);
    assertThat(CliRunner.run("sql", "--lake", lake, "--limit", "3", q).out()).endsWith("3 rows shown of 1500"
        + " (1497 not shown; --limit N shows more, --format csv|json prints every row)\n");
  }
}
