package dev.hindsight.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import dev.hindsight.publish.Evaluation;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.synth.SyntheticSource;
import dev.hindsight.synth.Synthetics;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the vendors' usage reports alone (what a customer calling Claude or OpenAI directly has): 30
 * generated days of anthropic-usage and openai-usage pages in one lake, scored and published. Each vendor's
 * stolen key is a finding at the top; the weekly batch job and the model upgrade are not findings.
 */
class UsageScoringTest {
  static final LocalDate START = LocalDate.of(2026, 3, 2);
  static final int DAYS = 30;
  static final LocalDate END = START.plusDays(DAYS - 1);

  @Test
  void aStolenKeysTokenSurgeIsTheTopFindingAndTheLookAlikesAreNone(@TempDir Path tmp) throws Exception {
    ScoringConfig config = ScoringConfig.defaults();
    Lake lake = new Lake(TestSpark.get(), tmp.resolve("lake").toString());
    List<Evaluation.Label> labels = new ArrayList<>();
    for (String source : List.of("anthropic-usage", "openai-usage")) {
      SyntheticSource.Generated g = Synthetics.byName(source)
          .generate(new SyntheticSource.Spec(tmp.resolve("gen/" + source), START, DAYS, 7, 400));
      var in = IngestJobTest.ingest(lake, source, Map.of(), g.input(), DateRange.ALL, false, 0.0);
      assertThat(in.quarantined()).isZero();
      assertThat(in.eventsWritten()).isEqualTo(g.records());
      labels.addAll(Evaluation.labels(g.labels()));
    }
    TestJobs.runner(lake).run(new ScoringJob(config, GeoIp.none(), START, END));
    TestJobs.runner(lake).run(new PublishJob(config, START, END));

    assertThat(labels).filteredOn(l -> !"benign".equals(l.label())).hasSize(2);
    assertThat(labels).filteredOn(l -> "benign".equals(l.label())).hasSize(4);
    Evaluation.Result r = dev.hindsight.cli.CliAccess.evaluate(lake, START, END, labels, 2);
    StringBuilder report = new StringBuilder();
    r.matches().forEach(m -> report.append('\n').append(m.label().id()).append(" rank ").append(m.rank())
        .append(m.finding() == null ? "" : " score " + m.finding().score()));
    lake.registerViews();
    lake.spark().sql("SELECT credential_id, first_seen, last_seen, score, detectors, summary FROM findings"
        + " ORDER BY score DESC LIMIT 10").collectAsList().forEach(x -> report.append("\n  ").append(x));
    System.out.println("usage end-to-end evaluation:" + report);
    assertThat(r.recallAtTop()).as("both stolen keys are the top 2 findings:" + report).isEqualTo(1.0);
    assertThat(r.matches()).as("no look-alike is a finding:" + report)
        .noneMatch(m -> "benign".equals(m.label().label()) && m.rank() > 0);
  }
}
