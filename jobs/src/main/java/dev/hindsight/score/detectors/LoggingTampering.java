package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code logging_tampering}: the credential stopped, deleted or narrowed audit logging (StopLogging,
 * DeleteTrail, PutEventSelectors, DeleteFlowLogs, ...), the classic first step of covering tracks.
 *
 * <p>Reads {@code logging_tamper}, {@code actions} (to name the calls), and the history's
 * {@code logging_tamper}.
 *
 * <p>Score: 90 + 3 per extra call (at most 99). The one damping: when none of today's calls is destructive
 * (only reconfiguration such as UpdateTrail or PutEventSelectors) and the credential made such calls on at
 * least {@code routine_days} earlier days (infrastructure as code managing its trails), 35. Stopping or
 * deleting logging is never damped.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code logging_tampering.routine_days} (default 3): earlier days with non-destructive logging changes
 *       that make them routine.</li>
 * </ul>
 */
public final class LoggingTampering extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param ROUTINE_DAYS = new Param("routine_days", 3);

  static final Set<String> DESTRUCTIVE = Set.of("StopLogging", "DeleteTrail", "DeleteFlowLogs", "DeleteDetector",
      "DisassociateFromMasterAccount", "StopConfigurationRecorder", "DeleteConfigurationRecorder",
      "DeleteDeliveryChannel", "DeleteLogGroup", "DeleteLogStream", "DisableSecurityHub", "DeleteEventDataStore",
      "StopEventDataStoreIngestion", "DisableOrganizationAdminAccount");
  static final Set<String> RECONFIGURE = Set.of("UpdateTrail", "PutEventSelectors", "PutInsightSelectors",
      "UpdateDetector", "PutRetentionPolicy", "UpdateEventDataStore", "PutDeliveryChannel",
      "PutConfigurationRecorder");

  public LoggingTampering() {
    super("logging_tampering");
  }

  @Override
  public List<Param> parameters() {
    return List.of(ROUTINE_DAYS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    long n = t.loggingTamper();
    if (n <= 0) {
      return Optional.empty();
    }
    List<String> destructive = Stats.actionsIn(t, DESTRUCTIVE);
    List<String> names = new java.util.ArrayList<>(destructive);
    names.addAll(Stats.actionsIn(t, RECONFIGURE));
    String reason = "tampered with audit logging"
        + (names.isEmpty() ? " " + (n == 1 ? "once" : n + " times") : " (" + Stats.join(names, 4) + ")");
    int routine = Stats.daysWith(ctx.history(), h -> h.loggingTamper() > 0);
    if (destructive.isEmpty() && routine >= param(ctx, ROUTINE_DAYS)) {
      return signal(n, (double) routine, 35, reason + " (as on " + routine + " earlier days)", "logging_tamper");
    }
    return signal(n, (double) routine, 90 + 3 * Math.min(n - 1, 3), reason, "logging_tamper");
  }
}
