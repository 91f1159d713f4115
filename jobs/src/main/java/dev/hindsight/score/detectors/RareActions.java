package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rare_actions}: an established credential called API actions it never used before, possibly amid a
 * burst of discovery calls (a new hand on an old key).
 *
 * <p>Reads {@code new_actions}, {@code actions} (to name the new ones), {@code discovery} of every row of the
 * day, the history's {@code actions} and {@code discovery} (summed per day, all regions), and
 * {@code days_active_before}. Needs a real history:
 * a cold-start credential (fewer than {@code cold_start_days} active days) is not judged, since everything
 * is new to it.
 *
 * <p>Score: modest on purpose, supporting evidence rather than a finding: 6 + 4 per new action, at most 30,
 * plus 15 when the day's discovery calls (all regions) reach {@code min_discovery} and 3 x the median of the
 * history days (at most 45). The same discovery bonus goes on every row of the day that has new actions.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code rare_actions.min_new} (default 2): new actions needed (one new call is everyday life).</li>
 *   <li>{@code rare_actions.min_discovery} (default 20): discovery calls that count as a discovery burst.</li>
 * </ul>
 */
public final class RareActions extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_NEW = new Param("min_new", 2);
  static final Param MIN_DISCOVERY = new Param("min_discovery", 20);

  public RareActions() {
    super("rare_actions");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_NEW, MIN_DISCOVERY);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    int n = t.newActions();
    if (ctx.coldStart() || n < param(ctx, MIN_NEW)) {
      return Optional.empty();
    }
    double score = Math.min(30, 6 + 4 * n);
    Set<String> seen = new HashSet<>();
    for (Features h : ctx.history()) {
      seen.addAll(Stats.list(h.actions()));
    }
    List<String> candidates = Stats.list(t.actions()).stream().filter(a -> !seen.contains(a))
        .map(RareActions::shortName).toList();
    String reason = "used " + n + " never-used " + Stats.plural(n, "action", "actions");
    if (!candidates.isEmpty() && candidates.size() <= n) {
      reason += " (" + Stats.join(candidates, 4) + ")";
    }
    List<Features> day = Stats.list(ctx.todayAllRegions()).isEmpty() ? List.of(t) : ctx.todayAllRegions();
    double discovery = day.stream().mapToDouble(Features::discovery).sum();
    double median = Stats.median(Stats.dailySums(ctx.history(), Features::discovery));
    if (discovery >= param(ctx, MIN_DISCOVERY) && discovery >= 3 * Math.max(median, 1)) {
      score += 15;
      reason += " amid " + Stats.n(discovery) + " discovery calls (median " + Stats.n(median) + " a day)";
    }
    return signal(n, null, score, reason, "new_actions");
  }

  /** "iam.amazonaws.com:CreateUser" -> "iam:CreateUser". */
  static String shortName(String pair) {
    int colon = pair.lastIndexOf(':');
    if (colon < 0) {
      return pair;
    }
    String service = pair.substring(0, colon);
    int dot = service.indexOf('.');
    return (dot < 0 ? service : service.substring(0, dot)) + ":" + pair.substring(colon + 1);
  }
}
