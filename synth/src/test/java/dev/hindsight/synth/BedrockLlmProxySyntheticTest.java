package dev.hindsight.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bedrock, llm-audit and proxy generators: byte-identical from a seed, and ingest keeps every record. */
class BedrockLlmProxySyntheticTest {
  static final List<String> SOURCES = List.of("bedrock-invocations", "llm-audit", "proxy");
  static final LocalDate START = LocalDate.of(2026, 1, 1);

  static Map<String, byte[]> files(Path root) throws Exception {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot(@TempDir Path tmp) throws Exception {
    for (String source : SOURCES) {
      SyntheticSource g = Synthetics.byName(source);
      assertThat(g.source()).isEqualTo(source);
      SyntheticSource.Generated a = g.generate(new SyntheticSource.Spec(tmp.resolve(source + "-a"), START, 10, 7, 300));
      Synthetics.byName(source).generate(new SyntheticSource.Spec(tmp.resolve(source + "-b"), START, 10, 7, 300));
      Synthetics.byName(source).generate(new SyntheticSource.Spec(tmp.resolve(source + "-c"), START, 10, 8, 300));
      Map<String, byte[]> fa = files(tmp.resolve(source + "-a"));
      Map<String, byte[]> fb = files(tmp.resolve(source + "-b"));
      assertThat(fa.keySet()).as(source).isEqualTo(fb.keySet());
      fa.forEach((k, v) -> assertThat(v).as(source + " " + k).isEqualTo(fb.get(k)));
      assertThat(files(tmp.resolve(source + "-c")).get("labels.json")).as(source + ": another seed")
          .isNotEqualTo(fa.get("labels.json"));
      assertThat(a.incidents()).as(source).isEqualTo(1);
      assertThat(a.records()).as(source).isGreaterThan(100);
      assertThatThrownBy(() -> Synthetics.byName(source).generate(new SyntheticSource.Spec(tmp.resolve(source + "-a"),
          START, 10, 7, 300))).as("an output that holds logs is refused").isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void ingestKeepsExactlyTheGeneratedEventsWithNoQuarantine(@TempDir Path tmp) throws Exception {
    Lake lake = new Lake(TestSpark.get(), tmp.resolve("lake").toString());
    long total = 0;
    for (String source : SOURCES) {
      SyntheticSource.Generated g = Synthetics.byName(source)
          .generate(new SyntheticSource.Spec(tmp.resolve("gen/" + source), START, 10, 11, 300));
      IngestJob.Result r = IngestJobTest.ingest(lake, source, Map.of(), g.input(), DateRange.ALL, false, 0.0);
      assertThat(r.quarantined()).as(source).isZero();
      assertThat(r.filesRead()).as(source).isEqualTo(g.files());
      assertThat(r.eventsWritten()).as(source).isEqualTo(g.distinctEvents());
      total += g.distinctEvents();
      assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE source = '" + source + "'"))
          .isEqualTo(g.distinctEvents());
    }
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events")).isEqualTo(total);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE raw LIKE '%synthetic prompt%'"
        + " OR raw LIKE '%synthetic completion%' OR request_json LIKE '%synthetic prompt%'"))
        .as("generated prompts never reach the lake").isZero();
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE source = 'bedrock-invocations'"
        + " AND credential_id = 'arn:aws:iam::482910375561:role/app-chatbot' AND credential_type = 'role_session'"))
        .isGreaterThan(0);
    assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE source = 'proxy'"
        + " AND credential_id LIKE 'litellm:key/%' AND tokens_in > 0")).isGreaterThan(0);
  }
}
