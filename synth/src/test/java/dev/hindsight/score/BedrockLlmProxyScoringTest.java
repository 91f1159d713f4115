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
 * End to end on the LLM generators: 48 generated days of Bedrock, llm-audit and proxy logs in one lake, scored
 * and published; every labelled incident ranks as a finding, near the top, and the benign confounders do not.
 */
class BedrockLlmProxyScoringTest {
  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final int DAYS = 48;
  static final LocalDate END = START.plusDays(DAYS - 1);

  @Test
  void labelledLlmIncidentsBecomeTopFindings(@TempDir Path tmp) throws Exception {
    GeoIp geo = GeoIp.fromDefaultDir();
    assertThat(geo.available()).as("GeoIP databases: run bin/fetch-geoip first").isTrue();
    ScoringConfig config = ScoringConfig.defaults();
    Lake lake = new Lake(TestSpark.get(), tmp.resolve("lake").toString());
    List<Evaluation.Label> labels = new ArrayList<>();
    for (String source : List.of("bedrock-invocations", "llm-audit", "proxy")) {
      SyntheticSource.Generated g = Synthetics.byName(source)
          .generate(new SyntheticSource.Spec(tmp.resolve("gen/" + source), START, DAYS, 42, 400));
      IngestJobTest.ingest(lake, source, Map.of(), g.input(), DateRange.ALL, false, 0.0);
      labels.addAll(Evaluation.labels(g.labels()));
    }
    TestJobs.runner(lake).run(new ScoringJob(config, geo, START, END));
    TestJobs.runner(lake).run(new PublishJob(config, START, END));

    int incidents = (int) labels.stream().filter(l -> !"benign".equals(l.label())).count();
    assertThat(incidents).isEqualTo(3);
    // the admin's first-ever service-key rotation (early January, before the confounder's labelled weeks) is a
    // legitimate finding too; a little room above the incidents
    int top = incidents + 3;
    Evaluation.Result r = dev.hindsight.cli.CliAccess.evaluate(lake, START, END, labels, top);
    StringBuilder report = new StringBuilder();
    r.matches().forEach(m -> report.append('\n').append(m.label().id()).append(' ').append(m.label().kind())
        .append(" rank ").append(m.rank()).append(m.finding() == null ? "" : " score " + m.finding().score()));
    lake.registerViews();
    lake.spark().sql("SELECT credential_id, first_seen, last_seen, score, detectors FROM findings ORDER BY score DESC"
        + " LIMIT 10").collectAsList().forEach(x -> report.append("\n  ").append(x));
    System.out.println("LLM end-to-end evaluation:" + report);
    assertThat(r.matches()).as("every incident is a finding:" + report)
        .allMatch(m -> "benign".equals(m.label().label()) || m.rank() > 0);
    assertThat(r.recallAtTop()).as("every incident in the top " + top + ":" + report).isEqualTo(1.0);
    assertThat(r.confoundersInTop()).as("benign look-alikes in the top " + top + ":" + report).isZero();
  }
}
