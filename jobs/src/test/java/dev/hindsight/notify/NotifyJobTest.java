package dev.hindsight.notify;

import static dev.hindsight.notify.NotifyFixtures.finding;
import static dev.hindsight.notify.NotifyFixtures.tableText;
import static dev.hindsight.notify.NotifyFixtures.triage;
import static dev.hindsight.notify.NotifyFixtures.writeFindings;
import static dev.hindsight.notify.NotifyFixtures.writeTriage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.TestJobs;
import dev.hindsight.TestSpark;
import dev.hindsight.cli.CliRunner;
import dev.hindsight.error.ExitCode;
import dev.hindsight.error.JobFailedException;
import dev.hindsight.lake.Hashes;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Notifications;
import dev.hindsight.lake.tables.Triage;
import dev.hindsight.notify.NotifyFixtures.Answer;
import dev.hindsight.notify.NotifyFixtures.LogCapture;
import dev.hindsight.notify.NotifyFixtures.Receiver;
import dev.hindsight.notify.NotifyFixtures.Request;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify against a real HTTP receiver on loopback, on tiny lakes with findings and triage rows written directly. */
class NotifyJobTest {
  /** What a Slack webhook URL carries in its path: the secret that must appear nowhere but on the wire. */
  static final String TOKEN = "xoxb-7e3Fq9Kd2LmZ-SECRET-TOKEN";

  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSpark.get();
  }

  /** Fast retries: 1 ms first back-off, 3 attempts. */
  static Sender.Settings fast() {
    return Sender.Settings.defaults().withAttempts(3).withBaseDelay(Duration.ofMillis(1));
  }

  static NotifyJob job(Destination.Kind kind, String url, double minScore) {
    return new NotifyJob(new NotifyJob.Options(Destination.of(kind, url, "--" + kind), minScore, null, false, fast()));
  }

  static List<Notifications> notifications(Lake lake) {
    return lake.read(Notifications.TABLE).orderBy("sent_at", "finding_id").collectAsList().stream()
        .map(Notifications::fromRow).toList();
  }

  static Row lastRun(Lake lake) {
    return lake.read("runs").orderBy(functions.col("started_at").desc()).first();
  }

  @Test
  void sendsExactlyTheFindingsAboveTheThresholdWithTheirFieldsAndTheUrlsSecretNowhere_andARerunSendsNothing(
      @TempDir Path tmp) throws Exception {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    writeFindings(lake,
        finding("f95", 95.0, "key AKIAHINDSIGHTF95 (alice) came from a new ASN <!channel> & more"),
        finding("f72", 72.0, "key AKIAHINDSIGHTF72 (alice) called rare actions"),
        finding("f60", 60.0, "key AKIAHINDSIGHTF60 (alice) at the threshold"),
        finding("f59", 59.9, "just below"),
        finding("f40", 40.0, "far below"));
    long findingsVersion = lake.version(Findings.TABLE);

    try (Receiver receiver = new Receiver(); LogCapture logs = new LogCapture()) {
      String url = receiver.url(TOKEN);

      // A dry run prints the messages and neither sends nor records anything.
      CliRunner.Result dry = CliRunner.run("notify", "--lake", lake.root(), "--webhook", url, "--dry-run");
      assertThat(dry.code()).as(dry.err()).isZero();
      assertThat(dry.out()).contains("\"finding_id\" : \"f95\"", "\"finding_id\" : \"f72\"", "\"finding_id\" : \"f60\"")
          .doesNotContain("\"f59\"").contains("dry run: 3 would be sent").doesNotContain(TOKEN);
      assertThat(receiver.requests()).isEmpty();
      assertThat(lake.exists(Notifications.TABLE)).isFalse();

      CliRunner.Result first = CliRunner.run("notify", "--lake", lake.root(), "--webhook", url, "--since-last-run",
          "--min-score", "60", "--retry-delay", "1");
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.out()).containsPattern("eligible +3\n").contains("3 (new 3, reopened 0, escalated 0)");

      // Exactly the findings at or above 60, highest score first, each once, to the URL's path.
      assertThat(receiver.findingIds()).containsExactly("f95", "f72", "f60");
      assertThat(receiver.requests()).extracting(Request::path).containsOnly("/services/T0HINDSIGHT/B0NOTIFY/" + TOKEN);
      JsonNode m = receiver.requests().get(0).json();
      assertThat(m.path("source").asText()).isEqualTo("hindsight");
      assertThat(m.path("kind").asText()).isEqualTo("new");
      assertThat(m.path("why").asText()).isEqualTo("new finding above the threshold");
      assertThat(m.path("previous_score").isNull()).isTrue();
      assertThat(m.path("summary").asText()).isEqualTo("key AKIAHINDSIGHTF95 (alice) came from a new ASN <!channel> & more");
      assertThat(m.path("text").asText()).startsWith("hindsight: New finding, critical, score 95.0: key AKIAHINDSIGHTF95");
      assertThat(m.path("score").asDouble()).isEqualTo(95.0);
      assertThat(m.path("severity").asText()).isEqualTo("critical");
      assertThat(m.path("credential_id").asText()).isEqualTo("AKIAHINDSIGHTF95");
      assertThat(m.path("account_id").asText()).isEqualTo("111122223333");
      assertThat(m.path("first_seen").asText()).isEqualTo("2026-03-02");
      assertThat(m.path("last_seen").asText()).isEqualTo("2026-03-03");
      assertThat(m.path("days").asInt()).isEqualTo(2);
      assertThat(m.path("detectors").toString()).isEqualTo("[\"new_origin\",\"rare_actions\"]");
      assertThat(m.path("regions").toString()).isEqualTo("[\"us-east-1\",\"eu-west-1\"]");
      assertThat(m.path("attack_techniques").toString()).as("none recorded on this row").isEqualTo("[]");
      assertThat(m.path("triage").isNull()).isTrue();
      assertThat(m.path("lake").asText()).isEqualTo(lake.root());
      assertThat(m.path("run_id").asText()).isEqualTo(lastRun(lake).<String>getAs("run_id"));
      assertThat(m.path("investigate").asText()).startsWith("bin/hindsight sql --lake " + lake.root());

      // The two commands in the message run as written and find this finding.
      lake.ensure("events");
      lake.registerViews();
      assertThat(spark.sql(sqlOf(m.path("investigate").asText())).collectAsList())
          .extracting(r -> r.<String>getAs("finding_id")).containsExactly("f95");
      assertThat(spark.sql(sqlOf(m.path("evidence").asText())).count()).isZero();

      List<Notifications> sent = notifications(lake);
      assertThat(sent).extracting(Notifications::findingId).containsExactlyInAnyOrder("f95", "f72", "f60");
      assertThat(sent).allSatisfy(n -> {
        assertThat(n.kind()).isEqualTo("new");
        assertThat(n.target()).isEqualTo("webhook");
        assertThat(n.targetSha256()).isEqualTo(Hashes.sha256Hex(url));
        assertThat(n.httpStatus()).isEqualTo(200);
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.runId()).isEqualTo(m.path("run_id").asText());
      });
      assertThat(sent).extracting(Notifications::notificationId).doesNotHaveDuplicates();
      Row run = lastRun(lake);
      assertThat(run.<String>getAs("command")).isEqualTo("notify");
      assertThat(run.<String>getAs("status")).isEqualTo("succeeded");
      assertThat(run.<String>getAs("arguments")).contains("--webhook " + url.substring(0, url.indexOf("/services"))
          + "/*****");
      assertThat(run.<scala.collection.Map<String, Long>>getAs("rows_written").get("notifications").get()).isEqualTo(3L);

      // A rerun (or an Airflow retry) sends nothing and records a noop.
      CliRunner.Result again = CliRunner.run("notify", "--lake", lake.root(), "--webhook", url, "--retry-delay", "1");
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.out()).containsPattern("eligible +0\n").contains("3 (already sent 3, triaged 0)");
      assertThat(receiver.requests()).hasSize(3);
      assertThat(notifications(lake)).hasSize(3);
      assertThat(lastRun(lake).<String>getAs("status")).isEqualTo("noop");

      // The secret in the URL's path is in no table, no log line, no output, no message body.
      assertThat(tableText(lake, "runs")).doesNotContain(TOKEN).contains("notify");
      assertThat(tableText(lake, Notifications.TABLE)).doesNotContain(TOKEN).doesNotContain("/services/");
      assertThat(logs.text()).doesNotContain(TOKEN).contains("notify: 3 findings score at least 60.0");
      assertThat(first.out() + first.err() + again.out() + again.err() + dry.err()).doesNotContain(TOKEN);
      assertThat(receiver.requests()).extracting(Request::body).noneMatch(b -> b.contains(TOKEN));
    }
    assertThat(lake.version(Findings.TABLE)).as("notify never writes findings").isEqualTo(findingsVersion);
    assertThat(lake.exists(Triage.TABLE)).as("nor creates triage").isFalse();
  }

  @Test
  void retriesFiveHundredsAndHonoursTooManyRequestsThenDeliversWithTheAttemptsRecorded(@TempDir Path tmp) {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    writeFindings(lake, finding("a", 91.0, "first"), finding("b", 80.0, "second"));
    // findings schema version 2 has attack_techniques (null in rows an older version wrote)
    DeltaTable.forPath(spark, lake.path(Findings.TABLE)).update(functions.col("finding_id").equalTo("a"),
        Map.of("attack_techniques", functions.array(functions.lit("T1078.004"), functions.lit("T1098"))));

    try (Receiver receiver = new Receiver()) {
      // a: 500, 500, then 200. b: 429 with Retry-After: 0, then 200.
      receiver.answering(all -> {
        Request last = all.get(all.size() - 1);
        String id = last.json().path("finding_id").asText();
        long before = all.stream().filter(r -> r.json().path("finding_id").asText().equals(id)).count() - 1;
        if (id.equals("a") && before < 2) {
          return Answer.status(500, "try later");
        }
        if (id.equals("b") && before < 1) {
          return new Answer(429, "slow down", Map.of("Retry-After", "0"));
        }
        return Answer.ok();
      });
      NotifyJob.Result r = TestJobs.runner(lake).run(job(Destination.Kind.webhook, receiver.url(TOKEN), 60));

      assertThat(r.sentNew()).isEqualTo(2);
      assertThat(r.failed()).isZero();
      assertThat(receiver.findingIds()).containsExactly("a", "a", "a", "b", "b");
      List<Request> requests = receiver.requests();
      assertThat(requests.get(0).body()).as("a retry sends the same message").isEqualTo(requests.get(2).body());
      assertThat(requests.get(0).json().path("attack_techniques").toString()).isEqualTo("[\"T1078.004\",\"T1098\"]");
      assertThat(requests.get(3).json().path("attack_techniques").toString()).isEqualTo("[]");
      Map<String, Notifications> sent = notifications(lake).stream()
          .collect(Collectors.toMap(Notifications::findingId, n -> n));
      assertThat(sent.get("a").attempts()).isEqualTo(3);
      assertThat(sent.get("b").attempts()).isEqualTo(2);
      assertThat(sent.values()).extracting(Notifications::httpStatus).containsOnly(200);
    }
  }

  @Test
  void aReceiverThatKeepsFailingFailsTheRunWithExitOneAndKeepsWhatWasDelivered(@TempDir Path tmp) {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    writeFindings(lake, finding("a", 95.0, "first"), finding("b", 85.0, "second"), finding("c", 75.0, "third"));
    long findingsVersion = lake.version(Findings.TABLE);

    try (Receiver receiver = new Receiver()) {
      String url = receiver.url(TOKEN);
      // a is delivered; b always gets a 500; c is never tried (the receiver is down).
      receiver.answering(all -> all.get(all.size() - 1).json().path("finding_id").asText().equals("a")
          ? Answer.ok() : Answer.status(500, "upstream error at " + url));
      CliRunner.Result failed = CliRunner.run("notify", "--lake", lake.root(), "--webhook", url,
          "--attempts", "3", "--retry-delay", "1");

      assertThat(failed.code()).isEqualTo(1);
      assertThat(failed.err()).contains("Cannot notify webhook http://127.0.0.1:")
          .contains("1 of 3 messages delivered (recorded in notifications)")
          .contains("finding b (new): HTTP 500: upstream error at http://127.0.0.1:")
          .contains("after 3 attempts").contains("1 not attempted after it")
          .doesNotContain(TOKEN);
      assertThat(receiver.findingIds()).containsExactly("a", "b", "b", "b");
      assertThat(notifications(lake)).extracting(Notifications::findingId).containsExactly("a");
      Row run = lastRun(lake);
      assertThat(run.<String>getAs("status")).isEqualTo("failed");
      assertThat(run.<String>getAs("error")).contains("HTTP 500").doesNotContain(TOKEN);
      assertThat(run.<scala.collection.Map<String, Long>>getAs("rows_written").get("notifications").get()).isEqualTo(1L);
      assertThat(lake.version(Findings.TABLE)).isEqualTo(findingsVersion);

      // The receiver is back: the next run sends only what was not delivered.
      receiver.answering(all -> Answer.ok());
      NotifyJob.Result r = TestJobs.runner(lake).run(job(Destination.Kind.webhook, url, 60));
      assertThat(r.sentNew()).isEqualTo(2);
      assertThat(r.skippedAlreadySent()).isEqualTo(1);
      assertThat(receiver.findingIds()).containsExactly("a", "b", "b", "b", "b", "c");
      assertThat(notifications(lake)).extracting(Notifications::findingId).containsExactlyInAnyOrder("a", "b", "c");
    }
    assertThat(lake.version(Findings.TABLE)).isEqualTo(findingsVersion);
  }

  @Test
  void aRefusedMessageIsNotRetriedTheOthersStillGoAndTheRunFails(@TempDir Path tmp) {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    writeFindings(lake, finding("a", 95.0, "first"), finding("b", 85.0, "second"), finding("c", 75.0, "third"));
    try (Receiver receiver = new Receiver()) {
      receiver.answering(all -> all.get(all.size() - 1).json().path("finding_id").asText().equals("b")
          ? Answer.status(400, "invalid_payload") : Answer.ok());
      NotifyJob job = job(Destination.Kind.webhook, receiver.url(TOKEN), 60);

      assertThatThrownBy(() -> TestJobs.runner(lake).run(job))
          .isInstanceOf(JobFailedException.class)
          .satisfies(e -> assertThat(ExitCode.of(e)).isEqualTo(1))
          .hasMessageContaining("2 of 3 messages delivered")
          .hasMessageContaining("finding b (new): HTTP 400: invalid_payload (not retried")
          .message().doesNotContain(TOKEN).doesNotContain("not attempted");
      assertThat(receiver.findingIds()).containsExactly("a", "b", "c");
      assertThat(notifications(lake)).extracting(Notifications::findingId).containsExactlyInAnyOrder("a", "c");
    }
  }

  @Test
  void triageDecidesWhatGoesOutAgain_reopenedResent_falsePositiveHeldBack_higherScoreEscalates(@TempDir Path tmp)
      throws Exception {
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());
    writeFindings(lake, finding("a", 80.0, "key A came from <https://evil.example|a new ASN>"),
        finding("b", 70.0, "b"), finding("c", 65.0, "c"));
    assertThat(lake.exists(Triage.TABLE)).as("no triage table yet: no rows").isFalse();

    try (Receiver receiver = new Receiver()) {
      String url = receiver.url(TOKEN);
      NotifyJob.Result first = TestJobs.runner(lake).run(job(Destination.Kind.slack, url, 60));
      assertThat(first.sentNew()).isEqualTo(3);
      Instant lastSent = notifications(lake).stream().map(Notifications::sentAt).max(Instant::compareTo).orElseThrow();

      // After the messages: a reopened, b a false positive, c's score rises; d (new, acknowledged at its current
      // score) and e (new, a false positive) are held back.
      Instant later = lastSent.plusMillis(1);
      writeFindings(lake, finding("d", 75.0, "d"), finding("e", 90.0, "e"));
      writeTriage(lake,
          triage("a", "resolved", "rotated", lastSent.minusSeconds(60), 80.0),
          triage("a", "reopened", "seen again from AS14061", later, 80.0),
          triage("b", "false_positive", "the nightly batch", later, 70.0),
          triage("d", "acknowledged", "known", later, 75.0),
          triage("e", "false_positive", "pentest", later, 90.0));
      DeltaTable.forPath(spark, lake.path(Findings.TABLE)).update(functions.col("finding_id").equalTo("c"),
          Map.of("score", functions.lit(85.0), "severity", functions.lit("high")));

      NotifyJob.Result second = TestJobs.runner(lake).run(job(Destination.Kind.slack, url, 60));
      assertThat(second.sentReopened()).isEqualTo(1);
      assertThat(second.sentEscalated()).isEqualTo(1);
      assertThat(second.sentNew()).isZero();
      assertThat(second.skippedTriaged()).as("b, d, e").isEqualTo(3);
      assertThat(second.eligible()).isEqualTo(2);
      List<Request> requests = receiver.requests();
      assertThat(requests).hasSize(5);
      // c (85 now) goes before a (80): highest score first
      JsonNode escalated = requests.get(3).json();
      JsonNode reopened = requests.get(4).json();

      // Slack payloads: a fallback text and mrkdwn blocks; Slack's control characters escaped.
      assertThat(reopened.path("text").asText())
          .isEqualTo("hindsight: Reopened finding, high, score 80.0: key A came from &lt;https://evil.example|a new ASN&gt;");
      assertThat(reopened.path("blocks").get(0).path("type").asText()).isEqualTo("header");
      String blocks = reopened.path("blocks").toString();
      assertThat(blocks).contains("\"type\":\"mrkdwn\"")
          .contains("*Why now:* reopened by alice at " + later + ": seen again from AS14061")
          .contains("`AKIAHINDSIGHTA`").contains("bin/hindsight sql --lake ").contains("finding_id = 'a'")
          .doesNotContain("<https://evil.example").doesNotContain(TOKEN);
      assertThat(escalated.path("text").asText()).startsWith("hindsight: Escalated finding, high, score 85.0: c");
      assertThat(escalated.path("blocks").toString()).contains("escalated: its score rose from 65.0 to 85.0")
          .contains("85.0 (high), was 65.0");

      Map<String, List<String>> kinds = notifications(lake).stream().collect(Collectors.groupingBy(
          Notifications::findingId, Collectors.mapping(Notifications::kind, Collectors.toList())));
      assertThat(kinds).containsOnlyKeys("a", "b", "c");
      assertThat(kinds.get("a")).containsExactly("new", "reopened");
      assertThat(kinds.get("b")).containsExactly("new");
      assertThat(kinds.get("c")).containsExactly("new", "escalated");
      assertThat(notifications(lake)).filteredOn(n -> n.findingId().equals("c") && n.kind().equals("escalated"))
          .extracting(Notifications::findingScore).containsExactly(85.0);

      // Nothing changed since: nothing goes out. Then b is reopened after its false positive: it goes out again.
      assertThat(TestJobs.runner(lake).run(job(Destination.Kind.slack, url, 60)).sent()).isZero();
      Instant reopenB = notifications(lake).stream().map(Notifications::sentAt).max(Instant::compareTo).orElseThrow()
          .plusMillis(1);
      writeTriage(lake, triage("b", "reopened", null, reopenB, 70.0));
      NotifyJob.Result fourth = TestJobs.runner(lake).run(job(Destination.Kind.slack, url, 60));
      assertThat(fourth.sentReopened()).isEqualTo(1);
      assertThat(receiver.requests()).hasSize(6);
      assertThat(receiver.requests().get(5).json().path("text").asText()).startsWith("hindsight: Reopened finding, medium, score 70.0: b");

      // Another destination has its own history: everything not held back by triage is new there.
      NotifyJob.Result other = TestJobs.runner(lake).run(job(Destination.Kind.webhook, receiver.url("other-token"), 60));
      assertThat(other.sentNew()).as("a, b (reopened), c; not d (acknowledged) nor e (false positive)").isEqualTo(3);
    }
  }

  @Test
  void aMissingOrBadDestinationIsAUsageErrorThatNeverShowsTheUrl(@TempDir Path tmp) {
    String lake = tmp.resolve("lake").toString();
    CliRunner.Result none = CliRunner.run("notify", "--lake", lake);
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--webhook").contains("--slack-env");

    CliRunner.Result both = CliRunner.run("notify", "--lake", lake, "--webhook", "https://a.example/" + TOKEN,
        "--slack", "https://b.example/" + TOKEN);
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive").doesNotContain(TOKEN);

    CliRunner.Result unset = CliRunner.run("notify", "--lake", lake, "--slack-env", "HINDSIGHT_TEST_NO_SUCH_VARIABLE");
    assertThat(unset.code()).isEqualTo(2);
    assertThat(unset.err()).contains("the environment variable HINDSIGHT_TEST_NO_SUCH_VARIABLE (--slack-env) is not set");

    CliRunner.Result ftp = CliRunner.run("notify", "--lake", lake, "--webhook", "ftp://files.example/" + TOKEN);
    assertThat(ftp.code()).isEqualTo(2);
    assertThat(ftp.err()).contains("--webhook must be an http:// or https:// URL").doesNotContain(TOKEN);

    CliRunner.Result score = CliRunner.run("notify", "--lake", lake, "--webhook", "https://a.example/x", "--min-score", "101");
    assertThat(score.code()).isEqualTo(2);
    assertThat(score.err()).contains("--min-score must be 0..100 (got 101.0)");

    CliRunner.Result noFindings = CliRunner.run("notify", "--lake", lake, "--webhook", "https://a.example/" + TOKEN);
    assertThat(noFindings.code()).isEqualTo(1);
    assertThat(noFindings.err()).contains("has no findings table yet").doesNotContain(TOKEN);
  }

  /** The SQL inside a message's "bin/hindsight sql ... \"QUERY\"" command. */
  static String sqlOf(String command) {
    return command.substring(command.indexOf('"') + 1, command.lastIndexOf('"'));
  }
}
