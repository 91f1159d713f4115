package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * {@code model_abuse} ("LLMjacking"): a credential used to run someone else's LLM bill. Either model
 * reconnaissance followed by invocations the same day (checking whether invocation logging is on, listing
 * models, then invoking), or invocations / tokens far above the credential's usual level (or above its peers
 * when it never invoked models before).
 *
 * <p>Reads {@code recon_then_invoke}, {@code model_recon}, {@code model_invocations}, {@code tokens_in} +
 * {@code tokens_out} (when not null), the history's {@code model_invocations}, tokens and
 * {@code recon_then_invoke}, and {@code PeerStats.medianModelInvocations}. Only rows with model calls are
 * judged.
 *
 * <p>Score, the stronger of:
 * <ul>
 *   <li>recon then invoke: 85, up to 95 as invocations go from {@code min_invocations} to 10 x that; 65 with
 *       fewer invocations than {@code min_invocations}. Skipped when the credential did recon-then-invoke on
 *       2 or more earlier days (a developer's routine);</li>
 *   <li>volume: at least {@code min_invocations} invocations and {@code min_ratio} x the median of the history
 *       days with invocations (needs 3 such days): 55 + 20 x log2(ratio / min_ratio), at most 90; the same on
 *       tokens when the source has them. With fewer than 3 such days: at least {@code min_ratio} x the peers'
 *       median (at least 1): 60, up to 75 at 10 x that.</li>
 * </ul>
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code model_abuse.min_invocations} (default 20): invocations below which volume alone never
 *       fires.</li>
 *   <li>{@code model_abuse.min_ratio} (default 5): today / baseline needed for the volume route.</li>
 * </ul>
 */
public final class ModelAbuse extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_INVOCATIONS = new Param("min_invocations", 20);
  static final Param MIN_RATIO = new Param("min_ratio", 5);

  public ModelAbuse() {
    super("model_abuse");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_INVOCATIONS, MIN_RATIO);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    long inv = t.modelInvocations();
    if (inv <= 0 && t.modelRecon() <= 0) {
      return Optional.empty();
    }
    double minInv = param(ctx, MIN_INVOCATIONS);
    double minRatio = param(ctx, MIN_RATIO);
    Optional<Signal> best = Optional.empty();
    int reconDays = Stats.daysWith(ctx.history(), Features::reconThenInvoke);
    if (t.reconThenInvoke() && reconDays < 2) {
      double score = inv >= minInv ? 85 + 10 * Stats.ramp(inv, minInv, 10 * minInv) : 65;
      best = signal(inv, null, score, "checked model access, then made " + Stats.n(inv) + " model "
          + Stats.plural(inv, "invocation", "invocations"), "recon_then_invoke");
    }
    if (inv >= minInv) {
      List<Features> invoked = ctx.history().stream().filter(h -> h.modelInvocations() > 0).toList();
      double[] daily = Stats.dailySums(invoked, Features::modelInvocations);
      Optional<Signal> volume;
      if (daily.length >= 3) {
        double med = Stats.median(daily);
        double ratio = inv / Math.max(med, 1);
        volume = ratio < minRatio ? Optional.empty()
            : signal(inv, med, Math.min(90, 55 + 20 * log2(ratio / minRatio)), "made " + Stats.n(inv)
                + " model invocations, " + Stats.x(ratio) + "x its median of " + Stats.n(med), "model_invocations");
      } else {
        double peer = ctx.peers() == null ? 0 : ctx.peers().medianModelInvocations();
        double ratio = inv / Math.max(peer, 1);
        volume = ratio < minRatio ? Optional.empty()
            : signal(inv, peer, 60 + 15 * Stats.ramp(ratio, minRatio, 10 * minRatio), "made " + Stats.n(inv)
                + " model invocations, " + (daily.length == 0 ? "never before" : "rarely before")
                + " (peers' median " + Stats.n(peer) + ")", "model_invocations");
      }
      best = stronger(best, volume);
    }
    double tokens = VolumeSpike.tokens(t);
    if (!Double.isNaN(tokens) && inv >= minInv) {
      List<Features> withTokens = ctx.history().stream()
          .filter(h -> h.modelInvocations() > 0 && !Double.isNaN(VolumeSpike.tokens(h))).toList();
      double[] daily = Stats.dailySums(withTokens, VolumeSpike::tokens);
      if (daily.length >= 3) {
        double med = Stats.median(daily);
        double ratio = tokens / Math.max(med, 1);
        if (ratio >= minRatio) {
          best = stronger(best, signal(tokens, med, Math.min(90, 55 + 20 * log2(ratio / minRatio)),
              "used " + Stats.n(tokens) + " model tokens, " + Stats.x(ratio) + "x its median of " + Stats.n(med),
              "tokens_in"));
        }
      }
    }
    return best;
  }

  private static Optional<Signal> stronger(Optional<Signal> a, Optional<Signal> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return b.get().score() > a.get().score() ? b : a;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
