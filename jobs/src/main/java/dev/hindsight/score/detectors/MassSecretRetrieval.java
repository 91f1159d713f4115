package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * {@code mass_secret_retrieval}: the credential retrieved many distinct secrets, far more than it ever did
 * (harvesting Secrets Manager / Parameter Store).
 *
 * <p>Reads {@code distinct_secrets} and the history's {@code distinct_secrets} (maximum over earlier rows, any
 * region).
 *
 * <p>Fires when the distinct secrets reach {@code min_secrets} and {@code min_ratio} x the history maximum.
 * Score: 65 + 15 x log2(secrets / min_secrets), at most 95 (10: 65, 20: 80, 40: 95). A credential that
 * routinely reads many secrets (a config loader) has a high history maximum and stays quiet.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code mass_secret_retrieval.min_secrets} (default 10): distinct secrets needed.</li>
 *   <li>{@code mass_secret_retrieval.min_ratio} (default 3): today / max(history maximum, 1) needed.</li>
 * </ul>
 */
public final class MassSecretRetrieval extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_SECRETS = new Param("min_secrets", 10);
  static final Param MIN_RATIO = new Param("min_ratio", 3);

  public MassSecretRetrieval() {
    super("mass_secret_retrieval");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_SECRETS, MIN_RATIO);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    double d = t.distinctSecrets();
    double min = param(ctx, MIN_SECRETS);
    if (d < min || d <= 0) {
      return Optional.empty();
    }
    double max = Stats.max(Stats.values(ctx.history(), Features::distinctSecrets));
    if (d < param(ctx, MIN_RATIO) * Math.max(max, 1)) {
      return Optional.empty();
    }
    double score = Math.min(95, 65 + 15 * Math.log(d / Math.max(min, 1)) / Math.log(2));
    String reason = "read " + Stats.n(d) + " distinct secrets (at most " + Stats.n(max) + " before)";
    return signal(d, max, score, reason, "distinct_secrets");
  }
}
