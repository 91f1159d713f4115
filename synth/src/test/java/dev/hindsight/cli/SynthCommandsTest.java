package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
