package dev.hindsight.notify;

import dev.hindsight.lake.tables.Triage;
import java.time.Instant;

/**
 * Whether one finding above the threshold is sent to one destination, and why: pure, from what was already
 * delivered there (the notifications table) and the finding's latest triage row.
 *
 * <ul>
 *   <li><b>new</b>: nothing was sent for it to this destination;</li>
 *   <li><b>reopened</b>: its latest triage row says {@code reopened} and is later than the last message sent
 *       for it here;</li>
 *   <li><b>escalated</b>: its score is higher than the highest score already sent for it here (for an
 *       {@code acknowledged} finding: also higher than its score when it was acknowledged).</li>
 * </ul>
 * A finding whose latest status is {@code false_positive} or {@code resolved} is never sent (a later
 * {@code reopened} row makes it eligible again); an {@code acknowledged} one only when it escalated.
 */
public final class Eligibility {
  /** Message kinds, as stored in {@code notifications.kind}. */
  public static final String NEW = "new";
  public static final String REOPENED = "reopened";
  public static final String ESCALATED = "escalated";

  /** Triage statuses (the triage table's {@code status}). */
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String FALSE_POSITIVE = "false_positive";
  public static final String RESOLVED = "resolved";

  /** Why a finding above the threshold was not sent. */
  public static final String SKIP_ALREADY_SENT = "already_sent";
  public static final String SKIP_TRIAGED = "triaged";

  /** Scores closer than this are equal (a rerun recomputes the same double). */
  private static final double EPSILON = 1e-9;

  private Eligibility() {}

  /** What was already delivered for one finding to one destination. */
  public record Sent(double maxScore, Instant lastSentAt) {}

  /**
   * The verdict: {@code kind} is new, reopened or escalated, or null when the finding is not sent (then
   * {@code skipped} says why); {@code previousScore} is the score it escalated from (null otherwise).
   */
  public record Decision(String kind, String skipped, Double previousScore) {
    public boolean send() {
      return kind != null;
    }

    static Decision send(String kind, Double previousScore) {
      return new Decision(kind, null, previousScore);
    }

    static Decision skip(String why) {
      return new Decision(null, why, null);
    }
  }

  /**
   * @param score the finding's score now
   * @param sent what was delivered for it to this destination, or null if nothing
   * @param latest its latest triage row (max changed_at, then triage_id), or null if it was never triaged
   */
  public static Decision decide(double score, Sent sent, Triage latest) {
    String status = latest == null ? null : latest.status();
    if (FALSE_POSITIVE.equals(status) || RESOLVED.equals(status)) {
      return Decision.skip(SKIP_TRIAGED);
    }
    boolean acknowledged = ACKNOWLEDGED.equals(status);
    if (sent == null) {
      if (acknowledged) {
        return score > latest.findingScore() + EPSILON ? Decision.send(ESCALATED, latest.findingScore())
            : Decision.skip(SKIP_TRIAGED);
      }
      return Decision.send(NEW, null);
    }
    if (REOPENED.equals(status) && latest.changedAt() != null
        && (sent.lastSentAt() == null || latest.changedAt().isAfter(sent.lastSentAt()))) {
      return Decision.send(REOPENED, score > sent.maxScore() + EPSILON ? sent.maxScore() : null);
    }
    double baseline = acknowledged ? Math.max(sent.maxScore(), latest.findingScore()) : sent.maxScore();
    if (score > baseline + EPSILON) {
      return Decision.send(ESCALATED, baseline);
    }
    return Decision.skip(acknowledged ? SKIP_TRIAGED : SKIP_ALREADY_SENT);
  }
}
