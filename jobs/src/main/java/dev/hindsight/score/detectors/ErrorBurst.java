package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * {@code error_burst}: enumeration. Many authorization denials, a large share of the day's calls, far above
 * the credential's usual level (someone probing what a credential may do).
 *
 * <p>Reads {@code access_denied}, {@code events}, {@code distinct_actions} of today's row, the same-region
 * history's {@code access_denied}, and for cold-start credentials {@code PeerStats.medianFailures}. Other
 * failures (throttling, validation, not-found) are not counted: they are operational noise, not probing.
 *
 * <p>Fires when denials reach {@code min_denied}, make at least {@code min_ratio} of the calls, and are at
 * least {@code min_increase} x the baseline (the median of the same-region history days on which the
 * credential was active; the peers' median failures for a cold-start credential). Score: 50, plus up to 20 as
 * the ratio climbs to min_ratio + 0.5, up to 15 as the distinct actions go from 10 to 40 (a tool walking many
 * APIs), up to 10 as the denials go from min_denied to 10 x min_denied.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code error_burst.min_denied} (default 20): denials needed.</li>
 *   <li>{@code error_burst.min_ratio} (default 0.2): share of the day's calls that were denied.</li>
 *   <li>{@code error_burst.min_increase} (default 5): denials / max(baseline, 1) needed.</li>
 * </ul>
 */
public final class ErrorBurst extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_DENIED = new Param("min_denied", 20);
  static final Param MIN_RATIO = new Param("min_ratio", 0.2);
  static final Param MIN_INCREASE = new Param("min_increase", 5);

  public ErrorBurst() {
    super("error_burst");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_DENIED, MIN_RATIO, MIN_INCREASE);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    double denied = t.accessDenied();
    double minDenied = param(ctx, MIN_DENIED);
    double minRatio = param(ctx, MIN_RATIO);
    if (denied < minDenied || t.events() <= 0) {
      return Optional.empty();
    }
    double ratio = denied / t.events();
    if (ratio < minRatio) {
      return Optional.empty();
    }
    double baseline;
    if (ctx.coldStart()) {
      baseline = ctx.peers() == null ? 0 : ctx.peers().medianFailures();
    } else {
      baseline = Stats.median(Stats.values(ctx.sameRegionHistory(), Features::accessDenied));
    }
    if (denied < param(ctx, MIN_INCREASE) * Math.max(baseline, 1)) {
      return Optional.empty();
    }
    double score = 50 + 20 * Stats.ramp(ratio, minRatio, minRatio + 0.5)
        + 15 * Stats.ramp(t.distinctActions(), 10, 40)
        + 10 * Stats.ramp(Math.log10(denied / Math.max(minDenied, 1)), 0, 1);
    String reason = "made " + Stats.pct(ratio) + " of calls AccessDenied (" + Stats.n(denied) + " of "
        + Stats.n(t.events()) + ", " + t.distinctActions() + " distinct actions)";
    return signal(denied, baseline, score, reason, "access_denied");
  }
}
