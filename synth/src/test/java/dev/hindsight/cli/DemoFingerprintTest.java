package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.LakeFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour is pinned: the demo over 21 generated days of every source (seed 42, 400 CloudTrail records a day)
 * must leave the lake exactly as the recorded run did (demo-21d-seed42-fingerprint.txt: every stored value of
 * events, quarantine, ingest_files, credential_daily, scores and findings, less run ids, clock times and the temp
 * folder). It was recorded before the job contract, typed rows and the synth module landed (commit 9648906) with
 * {@code bin/hindsight demo --days 21 --events-per-day 400} and {@link LakeFingerprint#main}. A change meant to
 * alter results (a new detector, a tuned weight) re-records it the same way and says so in its commit. Sources
 * added since (the vendors' usage reports) are pinned apart, in demo-21d-seed42-usage-fingerprint.txt, so that
 * adding one proves the rows of the others unchanged.
 */
class DemoFingerprintTest {

  /** The sources added after the recorded run, and what keeps (usage = false) or selects (true) their rows. */
  static final String USAGE = "('anthropic-usage', 'openai-usage')";

  static String where(String table, boolean usage) {
    String cond = table.equals("findings") ? "arrays_overlap(sources, array" + USAGE + ")" : "source IN " + USAGE;
    return usage ? cond : "NOT " + cond;
  }

  static Map<String, String> recorded(String resource) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    try (InputStream in = DemoFingerprintTest.class.getResourceAsStream(resource)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          int at = line.indexOf(": ");
          m.put(line.substring(0, at), line.substring(at + 2));
        }
      }
    }
    return m;
  }

  @Test
  void theDemoLeavesTheLakeAsTheRecordedRunDid(@TempDir Path tmp) throws IOException {
    Path lake = tmp.resolve("lake");
    CliRunner.Result r = CliRunner.run("demo", "--days", "21", "--events-per-day", "400", "--seed", "42",
        "--work-dir", tmp.resolve("work").toString(), "--lake", lake.toString(), "--verbose");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).as("--verbose: every step's summary and the full tables, as before the quiet demo")
        .contains("ingest cloudtrail *..* (lake ").contains("events_written").contains("report:\n  report ")
        .contains("events by source and credential type:").contains("role_session").contains("access_key")
        .contains("top findings:").contains("evaluation against the labels of 9 sources:").contains("recall@20");

    Lake l = new Lake(TestSpark.get(), lake.toString());
    assertThat(LakeFingerprint.of(l, t -> where(t, false))).as("the first 7 sources' rows of every table, value for"
        + " value").isEqualTo(recorded("/demo-21d-seed42-fingerprint.txt"));
    assertThat(LakeFingerprint.of(l, t -> where(t, true))).as("the usage sources' rows (recorded when they were"
        + " added)").isEqualTo(recorded("/demo-21d-seed42-usage-fingerprint.txt"));
  }
}
