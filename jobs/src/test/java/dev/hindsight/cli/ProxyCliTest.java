package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --source-option and --mapping on the command line: bad keys and mappings are usage errors (exit 2). */
class ProxyCliTest {
  @Test
  void unknownSourceOptionsAndMappingsExitTwoBeforeAnyWork(@TempDir Path tmp) {
    CliRunner.Result unknown = CliRunner.run("ingest", "--lake", tmp.resolve("lake").toString(), "--source", "proxy",
        "--input", tmp.toString(), "--source-option", "bogus=1");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown source option bogus");
    CliRunner.Result none = CliRunner.run("ingest", "--lake", tmp.resolve("lake").toString(), "--source", "cloudtrail",
        "--input", tmp.toString(), "--mapping", "litellm");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("it takes none");
    CliRunner.Result missing = CliRunner.run("run", "--lake", tmp.resolve("lake").toString(), "--source", "proxy",
        "--input", tmp.toString(), "--mapping", tmp.resolve("nope.json").toString(), "--date", "2026-01-01");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    CliRunner.Result contradiction = CliRunner.run("backfill", "--lake", tmp.resolve("lake").toString(), "--source",
        "proxy", "--input", tmp.toString(), "--mapping", "litellm", "--source-option", "mapping=apigateway",
        "--from", "2026-01-01", "--to", "2026-01-02");
    assertThat(contradiction.code()).isEqualTo(2);
    assertThat(lakeExists(tmp)).as("nothing was written").isFalse();
  }

  private static boolean lakeExists(Path tmp) {
    return java.nio.file.Files.exists(tmp.resolve("lake/events"));
  }
}
