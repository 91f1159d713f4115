package dev.hindsight.notify;

import dev.hindsight.lake.Ids;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Triage;
import java.util.List;

/**
 * One message to send: the finding as it is now, why it is sent, and the triage row behind a reopening.
 *
 * @param notificationId its id in the notifications table ({@link #id})
 * @param kind new, reopened or escalated ({@link Eligibility})
 * @param previousScore the score it escalated from, or null
 * @param finding the finding's row
 * @param attackTechniques the finding's ATT&amp;CK technique ids (empty when the findings table has none)
 * @param triage the finding's latest triage row, or null
 */
public record Notice(String notificationId, String kind, Double previousScore, Findings finding,
    List<String> attackTechniques, Triage triage) {

  public Notice {
    attackTechniques = attackTechniques == null ? List.of() : List.copyOf(attackTechniques);
  }

  /**
   * notifications.notification_id: {@link Ids#of} over finding_id, kind, finding_score and target_sha256, plus the
   * reopening's triage_id for a reopened message (a finding reopened twice at the same score is two messages).
   */
  public static String id(String findingId, String kind, double score, String targetSha256, Triage triage) {
    if (Eligibility.REOPENED.equals(kind) && triage != null) {
      return Ids.of(24, findingId, kind, Double.toString(score), targetSha256, triage.triageId());
    }
    return Ids.of(24, findingId, kind, Double.toString(score), targetSha256);
  }
}
