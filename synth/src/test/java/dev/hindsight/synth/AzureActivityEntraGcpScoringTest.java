package dev.hindsight.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import dev.hindsight.publish.Evaluation;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.ScoringJob;
import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.geo.GeoIp;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on generated Azure Activity, Entra sign-in and GCP audit logs in one lake (as the demo runs them):
 * ingest, score and publish 52 days, and every labelled incident is a finding.
 */
class AzureActivityEntraGcpScoringTest {
  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final int DAYS = 52;

  @Test
  void everyLabelledIncidentIsAFinding(@TempDir Path tmp) throws Exception {
    GeoIp geo = GeoIp.fromDefaultDir();
    assertThat(geo.available()).as("GeoIP databases: run bin/fetch-geoip first").isTrue();
    Lake lake = new Lake(TestSpark.get(), tmp.resolve("lake").toString());
    List<Evaluation.Label> labels = new ArrayList<>();
    for (String source : List.of("azure-activity", "entra-signin", "gcp-audit")) {
      SyntheticSource.Generated g = Synthetics.byName(source).generate(
          new SyntheticSource.Spec(Synthetics.folder(tmp.resolve("logs"), source), START, DAYS, 42, 400));
      IngestJob.Result r = IngestJobTest.ingest(lake, source, g.input(), DateRange.ALL, false, 0.0);
      assertThat(r.eventsWritten()).isEqualTo(g.distinctEvents());
      labels.addAll(Evaluation.labels(g.labels()));
    }
    LocalDate end = START.plusDays(DAYS - 1);
    ScoringConfig config = ScoringConfig.defaults();
    TestJobs.runner(lake).run(new ScoringJob(config, geo, START, end));
    TestJobs.runner(lake).run(new PublishJob(config, START, end));

    int incidents = (int) labels.stream().filter(l -> !"benign".equals(l.label())).count();
    assertThat(incidents).isEqualTo(3);
    Evaluation.Result r = dev.hindsight.cli.CliAccess.evaluate(lake, START, end, labels, incidents + 3);
    StringBuilder report = new StringBuilder();
    r.matches().forEach(m -> report.append('\n').append(m.label().id()).append(' ').append(m.label().label())
        .append(" rank ").append(m.rank()).append(m.finding() == null ? "" : " score " + m.finding().score()));
    lake.registerViews();
    for (Row row : lake.spark().sql("SELECT credential_id, first_seen, last_seen, score, detectors FROM findings"
        + " ORDER BY score DESC LIMIT 12").collectAsList()) {
      report.append('\n').append(row);
    }
    System.out.println("EVALUATION" + report);
    for (Evaluation.Match m : r.matches()) {
      if (!"benign".equals(m.label().label())) {
        assertThat(m.rank()).as(m.label().id() + " is a finding:" + report).isPositive();
      }
    }
    assertThat(r.recallAtTop()).as("every incident in the top " + r.top() + ":" + report).isEqualTo(1.0);
    assertThat(r.confoundersInTop()).as("benign look-alikes in the top " + r.top() + ":" + report).isZero();
    lake.registerViews();
    assertThat(lake.spark().sql("SELECT count(*) FROM findings WHERE array_contains(detectors, 'error_burst')"
        + " AND credential_id LIKE '%" + SyntheticEntraSignin.REPORTING_APP + "'").first().getLong(0))
        .as("the client-secret spray is an error burst:" + report).isEqualTo(1);
  }
}
