package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With this module on the classpath, hindsight offers generate and demo (through its CommandPlugin service). */
class SynthCommandsTest {
  @Test
  void generateAndDemoAreSubcommandsListedBeforeHelp() {
    List<String> names = List.copyOf(Hindsight.commandLine().getSubcommands().keySet());
    assertThat(names).contains("ingest", "generate", "demo").endsWith("help");
    CliRunner.Result help = CliRunner.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("  generate ").contains("  demo ");
  }

  @Test
  void eachHasHelp() {
    for (String cmd : new String[] {"generate", "demo"}) {
      CliRunner.Result r = CliRunner.run(cmd, "--help");
      assertThat(r.code()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: hindsight " + cmd);
    }
  }

  @Test
  void generateWritesLogsAndLabelsAndRefusesToOverwriteThem(@TempDir Path tmp) {
    Path out = tmp.resolve("logs");
    CliRunner.Result r = CliRunner.run("generate", "--source", "cloudtrail", "--days", "2", "--events-per-day", "50",
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("generate cloudtrail");
    assertThat(Files.exists(out.resolve("labels.json"))).isTrue();
    CliRunner.Result again = CliRunner.run("generate", "--source", "cloudtrail", "--days", "2", "--out", out.toString());
    assertThat(again.code()).isEqualTo(Hindsight.USAGE);
    assertThat(again.err()).contains("already holds generated logs");
  }

  /**
   * A newcomer's first run, tiny: quiet output (no log line on the console, one line per stage, numbered in
   * order), every log line in the file it names, the report it names written, the stable verdict line CI greps.
   */
  @Test
  void theDemoIsQuietWritesTheReportAndSaysWhatItFound(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("demo.log");
    CliRunner.Result r = CliRunner.run("demo", "--days", "3", "--events-per-day", "200", "--work-dir",
        tmp.resolve("work").toString(), "--lake", tmp.resolve("lake").toString(), "--log-file", log.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSizeLessThan(80)
        .noneMatch(l -> l.matches(".*\\b(INFO|WARN|ERROR|DEBUG)\\b.*"))
        .noneMatch(l -> l.contains("\r"));

    List<String> stages = new ArrayList<>();
    Pattern stage = Pattern.compile("^\\[\\s*(\\d+)/14\\] (\\S+(?: \\S+)?)\\s.*\\d s(?:  .*)?$");
    for (String l : lines) {
      Matcher m = stage.matcher(l);
      if (l.startsWith("[")) {
        assertThat(m.matches()).as("a stage line with its elapsed time: %s", l).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(stages.size() + 1);
        stages.add(m.group(2));
      }
    }
    assertThat(stages).containsExactly("generate 9", "ingest anthropic-usage", "ingest azure-activity",
        "ingest bedrock-invocations", "ingest cloudtrail", "ingest entra-signin", "ingest gcp-audit", "ingest llm-audit",
        "ingest openai-usage", "ingest proxy", "score", "publish", "report", "evaluate");

    assertThat(lines).contains("log: " + log.toAbsolutePath() + "  (--verbose shows it here instead)");
    assertThat(Files.readString(log)).as("the logs went to the file").contains("INFO  IngestJob: ")
        .contains("INFO  JobRunner: report ");
    assertThat(LogFile.active()).as("the console is back after the command").isNull();

    String report = lines.stream().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow().substring(8);
    assertThat(Path.of(report)).isEqualTo(tmp.resolve("work/report.html").toAbsolutePath());
    assertThat(Files.readString(Path.of(report))).startsWith("<!DOCTYPE html>");
    assertThat(lines).anyMatch(l -> l.matches("incidents: \\d+ of \\d+ found, .*")).contains("next:");
  }

  @Test
  void theDemoRefusesToRunWithoutGeoIpUnlessTold(@TempDir Path tmp) {
    CliRunner.Result r = CliRunner.run("demo", "--days", "2", "--geoip", "", "--asn", "", "--work-dir",
        tmp.resolve("work").toString(), "--lake", tmp.resolve("lake").toString());
    assertThat(r.code()).isEqualTo(Hindsight.FAILED);
    assertThat(r.err()).startsWith("hindsight demo: Cannot run the demo without GeoIP: ").contains("bin/fetch-geoip")
        .contains("--no-geoip").hasLineCount(1);
    assertThat(r.out()).isEmpty();
    assertThat(tmp.resolve("work")).as("nothing generated").doesNotExist();
  }
}
