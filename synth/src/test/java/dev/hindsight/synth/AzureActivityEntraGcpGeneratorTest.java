package dev.hindsight.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The azure-activity, entra-signin and gcp-audit generators: deterministic, vendor layout, exact ingest counts. */
class AzureActivityEntraGcpGeneratorTest {
  static final List<String> SOURCES = List.of("azure-activity", "entra-signin", "gcp-audit");
  static final LocalDate START = LocalDate.of(2026, 1, 1);

  static SyntheticSource.Generated gen(String source, Path out, int days, long seed) throws IOException {
    return Synthetics.byName(source).generate(new SyntheticSource.Spec(out, START, days, seed, 400));
  }

  static List<String> listing(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).sorted().forEach(p -> out.add(root.relativize(p).toString()));
    }
    return out;
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes(@TempDir Path tmp) throws IOException {
    for (String source : SOURCES) {
      SyntheticSource.Generated a = gen(source, tmp.resolve(source + "-a"), 20, 7);
      SyntheticSource.Generated b = gen(source, tmp.resolve(source + "-b"), 20, 7);
      SyntheticSource.Generated c = gen(source, tmp.resolve(source + "-c"), 20, 8);
      List<String> files = listing(tmp.resolve(source + "-a"));
      assertThat(listing(tmp.resolve(source + "-b"))).isEqualTo(files);
      for (String f : files) {
        assertThat(Files.readAllBytes(tmp.resolve(source + "-b").resolve(f)))
            .as(source + " " + f).isEqualTo(Files.readAllBytes(tmp.resolve(source + "-a").resolve(f)));
      }
      assertThat(a.records()).isEqualTo(b.records());
      assertThat(Files.readString(c.labels())).isNotEqualTo(Files.readString(a.labels()));
      assertThat(a.incidents()).isEqualTo(1);
      assertThat(a.confounders()).isEqualTo(1);
      assertThat(a.duplicateRecords()).isPositive();
      assertThat(a.records()).isEqualTo(a.distinctEvents() + a.duplicateRecords());
      assertThatThrownBy(() -> gen(source, tmp.resolve(source + "-a"), 20, 7)).isInstanceOf(IOException.class)
          .hasMessageContaining("already holds");
    }
  }

  @Test
  void vendorLayouts(@TempDir Path tmp) throws IOException {
    List<String> az = listing(gen("azure-activity", tmp.resolve("az"), 3, 1).input());
    assertThat(az).allMatch(f -> f.matches("resourceId=/SUBSCRIPTIONS/[0-9A-F-]{36}/y=2026/m=01/d=0[1-3]/h=\\d\\d/m=00/PT1H.json"));
    List<String> en = listing(gen("entra-signin", tmp.resolve("en"), 3, 1).input());
    assertThat(en).allMatch(f -> f.matches("insights-logs-(signinlogs|serviceprincipalsigninlogs)/tenantId=[0-9a-f-]{36}"
        + "/y=2026/m=01/d=0[1-3]/h=\\d\\d/m=00/PT1H.json"));
    List<String> gc = listing(gen("gcp-audit", tmp.resolve("gc"), 3, 1).input());
    assertThat(gc).allMatch(f -> f.matches("(activity|data_access)/2026/01/0[1-3]/(\\d\\d):00:00_\\2:59:59_S0.json"));
  }

  @Test
  void ingestKeepsExactlyTheDistinctEventsAndLabelsNameRealEvents(@TempDir Path tmp) throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (String source : SOURCES) {
      SyntheticSource.Generated g = gen(source, tmp.resolve("gen-" + source), 48, 3);
      Lake lake = new Lake(TestSpark.get(), tmp.resolve("lake-" + source).toString());
      IngestJob.Result r = IngestJobTest.ingest(lake, source, g.input(), DateRange.ALL, false, 0.0);
      assertThat(r.records()).as(source).isEqualTo(g.records());
      assertThat(r.quarantined()).as(source).isZero();
      assertThat(r.eventsWritten()).as(source).isEqualTo(g.distinctEvents());
      JsonNode labels = json.readTree(g.labels().toFile());
      for (JsonNode l : labels.path("incidents")) {
        List<String> ids = new ArrayList<>();
        l.path("event_ids").forEach(x -> ids.add(x.asText()));
        assertThat(ids).isNotEmpty();
        String in = String.join("','", ids);
        assertThat(IngestJobTest.count(lake, "SELECT count(DISTINCT event_id) FROM events WHERE event_id IN ('" + in
            + "')")).as(source + " label ids are stored ids").isEqualTo(ids.size());
        assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE event_id IN ('" + in
            + "') AND credential_id IN ('" + l.path("credential_id").asText() + "'"
            + (l.has("related_credential_ids") ? ", '" + l.path("related_credential_ids").get(0).asText() + "'" : "")
            + ")")).as(source + " incident events belong to the labelled credentials").isEqualTo(ids.size());
      }
      assertThat(IngestJobTest.count(lake, "SELECT count(*) FROM events WHERE raw LIKE '%privateKeyData\":\"%'"
          + " AND raw NOT LIKE '%privateKeyData\":\"<redacted by hindsight>%'")).isZero();
    }
  }
}
