package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * {@code new_region}: the credential called a region it never used before (in the lookback window).
 *
 * <p>Reads {@code new_region}, {@code new_account_region}, {@code account_new_region_credentials},
 * {@code region}, {@code credential_type}, {@code days_active_before}.
 *
 * <p>Scoring: 20 for a region new to the credential but used elsewhere in the account; 45 when no credential
 * of the account ever used it. Credentials other than long-term keys are multiplied by 0.8 (services and
 * pipelines expand to regions as part of their job). On its own the signal stays below the default
 * finding score: a new region is supporting evidence (with a region sweep, a new origin, model abuse ...),
 * not a finding by itself. A cold-start credential is only judged when the region is new to the whole
 * account (for a new credential every region is new).
 *
 * <p>Peer damping: when {@code account_new_region_credentials} (credentials of the account, this one
 * included, that used the region for the first time today) reaches {@code rollout_credentials}, it is a
 * rollout and the score drops to 3 (the signal stays, so the auditor sees why it was discounted). Note
 * that the count is per account: three pipelines in three accounts rolling out to the same region the same
 * day are not recognised as one rollout by this column.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code new_region.rollout_credentials} (default 3): credentials of the account starting on the same
 *       new region the same day that make it a rollout.</li>
 * </ul>
 */
public final class NewRegion extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param ROLLOUT_CREDENTIALS = new Param("rollout_credentials", 3);

  public NewRegion() {
    super("new_region");
  }

  @Override
  public List<Param> parameters() {
    return List.of(ROLLOUT_CREDENTIALS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    if (!t.newRegion() || t.region() == null || t.region().isEmpty()) {
      return Optional.empty();
    }
    boolean accountNew = t.newAccountRegion();
    if (ctx.coldStart() && !accountNew) {
      return Optional.empty();
    }
    String feature = accountNew ? "new_account_region" : "new_region";
    int together = t.accountNewRegionCredentials();
    if (together >= param(ctx, ROLLOUT_CREDENTIALS)) {
      int others = Math.max(together - 1, 0);
      return signal(together, null, 3, "called never-used region " + t.region() + " the same day as " + others
          + " other " + Stats.plural(others, "credential", "credentials") + " of the account (a rollout)",
          "account_new_region_credentials");
    }
    double score = accountNew ? 45 : 20;
    if (!t.isLongTermKey()) {
      score *= 0.8;
    }
    String reason = accountNew ? "called region " + t.region() + ", never used in the account"
        : "called never-used region " + t.region();
    return signal(1, null, score, reason, feature);
  }
}
