package dev.hindsight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.error.UsageException;
import dev.hindsight.lake.RunLog;
import dev.hindsight.notify.Eligibility.Decision;
import dev.hindsight.notify.Eligibility.Sent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts of notify: who is sent, Retry-After, and how the URL is kept out of text. No Spark. */
class NotifyRulesTest {
  static final Instant T = Instant.parse("2026-03-04T10:00:00Z");

  static Decision decide(double score, Sent sent, String status, Instant at, double triagedScore) {
    return Eligibility.decide(score, sent,
        status == null ? null : NotifyFixtures.triage("f", status, null, at, triagedScore));
  }

  @Test
  void eligibility() {
    assertThat(decide(70, null, null, null, 0)).isEqualTo(new Decision("new", null, null));
    assertThat(decide(70, new Sent(70, T), null, null, 0)).isEqualTo(new Decision(null, "already_sent", null));
    assertThat(decide(71, new Sent(70, T), null, null, 0)).isEqualTo(new Decision("escalated", null, 70.0));
    assertThat(decide(69, new Sent(70, T), null, null, 0)).as("a lower score is no news").extracting(Decision::send)
        .isEqualTo(false);
    // false_positive and resolved hold a finding back whatever its score
    assertThat(decide(99, new Sent(70, T), "false_positive", T.plusSeconds(5), 70).skipped()).isEqualTo("triaged");
    assertThat(decide(99, null, "resolved", T, 70).skipped()).isEqualTo("triaged");
    // reopened after the last message: sent again; reopened before it: already told
    assertThat(decide(70, new Sent(70, T), "reopened", T.plusSeconds(1), 70))
        .isEqualTo(new Decision("reopened", null, null));
    assertThat(decide(80, new Sent(70, T), "reopened", T.plusSeconds(1), 70))
        .isEqualTo(new Decision("reopened", null, 70.0));
    assertThat(decide(70, new Sent(70, T), "reopened", T.minusSeconds(1), 70).skipped()).isEqualTo("already_sent");
    assertThat(decide(70, null, "reopened", T, 70).kind()).isEqualTo("new");
    // acknowledged: only an escalation, above both what was sent and the score it was acknowledged at
    assertThat(decide(75, null, "acknowledged", T, 75).skipped()).isEqualTo("triaged");
    assertThat(decide(80, null, "acknowledged", T, 75)).isEqualTo(new Decision("escalated", null, 75.0));
    assertThat(decide(80, new Sent(70, T), "acknowledged", T.plusSeconds(1), 80).skipped()).isEqualTo("triaged");
    assertThat(decide(90, new Sent(70, T), "acknowledged", T.plusSeconds(1), 80))
        .isEqualTo(new Decision("escalated", null, 80.0));
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertThat(Sender.retryAfterMillis(Optional.of("0"))).contains(0L);
    assertThat(Sender.retryAfterMillis(Optional.of(" 7 "))).contains(7000L);
    assertThat(Sender.retryAfterMillis(Optional.of("-3"))).contains(0L);
    assertThat(Sender.retryAfterMillis(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"))).as("a date in the past")
        .contains(0L);
    assertThat(Sender.retryAfterMillis(Optional.of("soon"))).isEmpty();
    assertThat(Sender.retryAfterMillis(Optional.empty())).isEmpty();
  }

  @Test
  void theUrlIsMaskedRedactedAndNeverEchoedInErrors() {
    String url = "https://hooks.example.com/services/T000/B000/xoxb-secret?token=abc";
    Destination d = Destination.of(Destination.Kind.slack, url, "--slack");
    assertThat(d.masked()).isEqualTo("https://hooks.example.com/*****");
    assertThat(d.toString()).isEqualTo("slack https://hooks.example.com/*****");
    assertThat(d.sha256()).hasSize(64).isEqualTo(dev.hindsight.lake.Hashes.sha256Hex(url));
    assertThat(d.redact("POST " + url + " failed; path /services/T000/B000/xoxb-secret, query token=abc"))
        .isEqualTo("POST https://hooks.example.com/***** failed; path *****, query *****");
    assertThat(Destination.of(Destination.Kind.webhook, "http://127.0.0.1:8080", "--webhook").masked())
        .isEqualTo("http://127.0.0.1:8080");

    assertThatThrownBy(() -> Destination.of(Destination.Kind.webhook, "ftp://host/xoxb-secret", "--webhook"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--webhook must be an http:// or https:// URL")
        .message().doesNotContain("xoxb-secret");
    assertThatThrownBy(() -> Destination.of(Destination.Kind.webhook, "https://bad host/xoxb-secret", "--webhook"))
        .isInstanceOf(UsageException.class).message().doesNotContain("xoxb-secret");

    // the runs table's arguments: a URL's path and query masked, the lake and other values kept
    assertThat(RunLog.maskArguments(List.of("notify", "--lake", "s3a://lake/prefix", "--slack", url,
        "--webhook=http://10.0.0.1:9000/hook/abc", "--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:9000",
        "--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:9000/")))
        .isEqualTo("notify --lake s3a://lake/prefix --slack https://hooks.example.com/***** "
            + "--webhook=http://10.0.0.1:9000/***** --conf spark.hadoop.fs.s3a.endpoint=http://minio:9000 "
            + "--conf spark.hadoop.fs.s3a.endpoint=http://minio:9000/");
  }
}
