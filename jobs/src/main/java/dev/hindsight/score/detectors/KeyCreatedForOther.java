package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * {@code key_created_for_other}: the credential called CreateAccessKey for another IAM user (taking over
 * someone else's identity, or persistence).
 *
 * <p>Reads {@code keys_created_for_others}, {@code created_key_ids} (named in the reason), {@code actions}
 * (for CreateUser), and the history's {@code keys_created_for_others}.
 *
 * <p>Score: 80, plus 5 per extra key (at most 95). Damped to 5 when the credential also called CreateUser
 * today: a key for a user it just created is onboarding, nobody's existing identity is taken over (an
 * attacker creating a backdoor user is left to {@code privilege_change}, {@code rare_actions} and the origin
 * detectors). Damped to 30 when the credential created keys for others on at least {@code routine_days}
 * earlier days (an admin who provisions keys). Credentials in {@code allow_credentials} are not judged.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code key_created_for_other.routine_days} (default 1): earlier days with such calls that make it
 *       routine for the credential.</li>
 * </ul>
 */
public final class KeyCreatedForOther extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param ROUTINE_DAYS = new Param("routine_days", 1);

  public KeyCreatedForOther() {
    super("key_created_for_other");
  }

  @Override
  public List<Param> parameters() {
    return List.of(ROUTINE_DAYS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    long k = t.keysCreatedForOthers();
    if (k <= 0 || ctx.config().allowCredentials().contains(t.credentialId())) {
      return Optional.empty();
    }
    List<String> ids = Stats.list(t.createdKeyIds());
    String reason = (k == 1 ? "created an access key for another user" : "created " + k
        + " access keys for other users") + (ids.isEmpty() ? "" : " (" + Stats.join(ids, 3) + ")");
    double score = 80 + 5 * Math.min(k - 1, 3);
    int routine = Stats.daysWith(ctx.history(), h -> h.keysCreatedForOthers() > 0);
    if (Stats.hasAction(t, "CreateUser")) {
      score = 5;
      reason += " after creating a user (onboarding)";
    } else if (routine >= param(ctx, ROUTINE_DAYS)) {
      score = 30;
      reason += " (as on " + routine + " earlier " + Stats.plural(routine, "day", "days") + ")";
    }
    return signal(k, (double) routine, score, reason, "keys_created_for_others");
  }
}
