package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * {@code dormant_return}: a credential unused for a long time is active again (a forgotten key in someone
 * else's hands).
 *
 * <p>Reads {@code days_since_last_active} (null when the credential was not active in the lookback window:
 * then it is new, not dormant, and not judged) and {@code credential_type}.
 *
 * <p>Score: long-term access keys and root 70, rising to 90 at 3 x {@code min_days}; other credentials 40,
 * rising to 55 (a role or user that comes back with a project is common).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code dormant_return.min_days} (default 30): days unused that make a credential dormant.</li>
 * </ul>
 */
public final class DormantReturn extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_DAYS = new Param("min_days", 30);

  public DormantReturn() {
    super("dormant_return");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_DAYS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    Integer days = t.daysSinceLastActive();
    double min = param(ctx, MIN_DAYS);
    if (days == null || days < min) {
      return Optional.empty();
    }
    double r = Stats.ramp(days, min, 3 * min);
    boolean key = t.isLongTermKey() || "root".equals(t.credentialType());
    double score = key ? 70 + 20 * r : 40 + 15 * r;
    return signal(days, null, score, "came back after " + days + " days unused", "days_since_last_active");
  }
}
