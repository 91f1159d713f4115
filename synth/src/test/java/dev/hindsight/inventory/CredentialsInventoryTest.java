package dev.hindsight.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.cli.CliRunner;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import dev.hindsight.publish.Evaluation;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.ScoringJob;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.synth.SyntheticSource;
import dev.hindsight.synth.Synthetics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hindsight credentials} on a generated lake of three sources (Anthropic audit and usage, GCP audit), scored
 * and published: its counts equal independent SQL over events and findings, and it is point-in-time (an earlier
 * day, a triage change made after the day).
 */
class CredentialsInventoryTest {
  static final LocalDate START = LocalDate.of(2026, 3, 2);
  static final int DAYS = 20;
  static final LocalDate END = START.plusDays(DAYS - 1);
  @TempDir static Path tmp;
  static Lake lake;
  static final List<Evaluation.Label> LABELS = new ArrayList<>();

  @BeforeAll
  static void build() throws Exception {
    lake = new Lake(TestSpark.get(), tmp.resolve("lake").toString());
    for (String source : List.of("llm-audit", "anthropic-usage", "gcp-audit")) {
      SyntheticSource.Generated g = Synthetics.byName(source)
          .generate(new SyntheticSource.Spec(tmp.resolve("gen/" + source), START, DAYS, 5, 300));
      IngestJobTest.ingest(lake, source, Map.of(), g.input(), DateRange.ALL, false, 0.0);
      LABELS.addAll(Evaluation.labels(g.labels()));
    }
    ScoringConfig config = ScoringConfig.defaults();
    TestJobs.runner(lake).run(new ScoringJob(config, GeoIp.none(), START, END));
    TestJobs.runner(lake).run(new PublishJob(config, START, END));
  }

  static long count(String sql) {
    return IngestJobTest.count(lake, sql);
  }

  static CliRunner.Result credentials(String... extra) {
    List<String> args = new ArrayList<>(List.of("credentials", "--lake", lake.root()));
    args.addAll(List.of(extra));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  @Test
  void theInventoryCountsEqualIndependentSqlAndNameWhatToDo() throws Exception {
    Path csv = tmp.resolve("credentials.csv");
    CliRunner.Result r = credentials("--as-of", END.toString(), "--format", "csv", "--out", csv.toString());
    String asOf = "DATE'" + END + "'";
    long credentials = count("SELECT count(DISTINCT credential_id) FROM events WHERE credential_id IS NOT NULL"
        + " AND event_date <= " + asOf);
    assertThat(credentials).isGreaterThan(10);
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf)).isEqualTo(credentials);
    assertThat(Files.readAllLines(csv)).as("a header and a line per credential").hasSize((int) credentials + 1);
    assertThat(r.out()).containsPattern("credentials +" + credentials + "\n");

    assertThat(count("SELECT count(*) FROM credentials c JOIN (SELECT credential_id, count(DISTINCT event_date) n,"
        + " min(event_date) f, max(event_date) l, sort_array(collect_set(source)) s FROM events"
        + " WHERE event_date <= " + asOf + " GROUP BY 1) e USING (credential_id) WHERE c.as_of = " + asOf
        + " AND (c.active_days <> e.n OR c.first_seen <> e.f OR c.last_seen <> e.l OR c.sources <> e.s)"))
        .as("days and sources per credential, from the events themselves").isZero();
    assertThat(count("SELECT coalesce(sum(open_findings), 0) FROM credentials WHERE as_of = " + asOf))
        .isEqualTo(count("SELECT count(*) FROM findings WHERE first_seen <= " + asOf)).isPositive();
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf + " AND recommendation = 'investigate'"))
        .isEqualTo(count("SELECT count(DISTINCT credential_id) FROM findings WHERE first_seen <= " + asOf));

    for (Evaluation.Label l : LABELS) {
      if ("benign".equals(l.label())) {
        continue;
      }
      String in = String.join("', '", l.credentialIds());
      assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf + " AND credential_id IN ('" + in
          + "') AND recommendation = 'investigate'")).as("a credential of incident " + l.id()).isPositive();
    }
    Row stolen = lake.read("credentials").where("as_of = DATE'" + END + "' AND credential_id LIKE 'anthropic:key/%'"
        + " AND array_contains(sources, 'anthropic-usage')").orderBy("credential_id").first();
    assertThat(stolen.<Boolean>getAs("llm_access")).isTrue();
    assertThat(stolen.<String>getAs("lifetime")).isEqualTo("long_lived");
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf + " AND NOT llm_access"
        + " AND arrays_overlap(sources, array('gcp-audit'))")).as("GCP principals without model use").isPositive();
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf + " AND created_by IS NOT NULL"
        + " AND credential_id LIKE 'anthropic:key/%' AND array_contains(sources, 'llm-audit')"))
        .as("the admin key the audit log shows being created, with its creator").isPositive();

    // a shorter rotation period: long-lived credentials without findings first seen 10 or more days before
    credentials("--as-of", END.toString(), "--rotate-days", "10");
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf + " AND recommendation = 'rotate'"))
        .isEqualTo(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf + " AND lifetime = 'long_lived'"
            + " AND open_findings = 0 AND datediff(as_of, last_seen) < 30"
            + " AND datediff(as_of, coalesce(to_date(created_at), first_seen)) >= 10")).isPositive();

    // rerunning the day replaces its rows
    credentials("--as-of", END.toString());
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf)).isEqualTo(credentials);
  }

  @Test
  void anEarlierDayReadsNothingAfterItAndTriageCountsAsOfItsDay() {
    LocalDate before = START.plusDays(9);
    credentials("--as-of", before.toString());
    String asOf = "DATE'" + before + "'";
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf)).isEqualTo(count(
        "SELECT count(DISTINCT credential_id) FROM events WHERE credential_id IS NOT NULL AND event_date <= " + asOf));
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = " + asOf + " AND last_seen > " + asOf)).isZero();
    assertThat(count("SELECT coalesce(sum(open_findings), 0) FROM credentials WHERE as_of = " + asOf))
        .isEqualTo(count("SELECT count(*) FROM findings WHERE first_seen <= " + asOf));

    // resolved today, after the days of the lake: as of END the finding was still open
    Row top = lake.read("findings").orderBy(org.apache.spark.sql.functions.col("score").desc()).first();
    String id = top.getAs("finding_id");
    assertThat(CliRunner.run("triage", "--lake", lake.root(), id, "--status", "resolved", "--by", "test",
        "--note", "rotated").code()).isZero();
    credentials("--as-of", END.toString());
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = DATE'" + END + "' AND array_contains(finding_ids, '"
        + id + "')")).isEqualTo(1);
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    credentials("--as-of", today.toString());
    assertThat(count("SELECT count(*) FROM credentials WHERE as_of = DATE'" + today + "' AND array_contains(finding_ids,"
        + " '" + id + "')")).as("resolved by then").isZero();
  }
}
