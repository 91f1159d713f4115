package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code new_key_used}: an access key first used today that another credential created for someone else
 * (the follow-up of {@code key_created_for_other}: the key is being used, by whom?).
 *
 * <p>Reads {@code created_by}, and to judge the origin {@code new_account_asns},
 * {@code new_account_countries}, {@code asns}, plus {@code access_denied} and {@code events}.
 *
 * <p>Score with GeoIP: 90 when the key is used from an ASN or country no credential of the account ever used
 * (ASNs in {@code allow_asns} never count), 25 when the origin is known to the account (the new colleague in
 * the office). Without GeoIP the origin cannot be judged: 45 (below the default finding score), raised to 75
 * when the new key already hit AccessDenied at least {@code min_denied} times and on at least 5% of its
 * calls (a rightful owner's first day does not probe permissions it lacks).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code new_key_used.min_denied} (default 2): denials that make a first use look like probing when
 *       there is no GeoIP.</li>
 * </ul>
 */
public final class NewKeyUsed extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_DENIED = new Param("min_denied", 2);

  public NewKeyUsed() {
    super("new_key_used");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_DENIED);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    String by = t.createdBy();
    if (by == null || by.isBlank()) {
      return Optional.empty();
    }
    String reason = "was first used today, created by " + by + " for another user";
    double score;
    if (t.hasGeo()) {
      Set<String> allow = new HashSet<>(ctx.config().allowAsns());
      List<String> asns = Stats.list(t.asns());
      long open = asns.stream().filter(a -> !allow.contains(a)).count();
      boolean allAllowed = !asns.isEmpty() && open == 0;
      boolean newToAccount = !allAllowed
          && (Math.min(t.newAccountAsns(), open) > 0 || t.newAccountCountries() > 0);
      score = newToAccount ? 90 : 25;
      reason += newToAccount ? ", from an origin new to the account" : ", from an origin known to the account";
    } else {
      score = 45;
      double denied = t.accessDenied();
      if (denied >= param(ctx, MIN_DENIED) && t.events() > 0 && denied / t.events() >= 0.05) {
        score = 75;
        reason += ", and was denied " + Stats.n(denied) + " of " + Stats.n(t.events()) + " calls";
      }
    }
    return signal(1, null, score, reason, "created_by");
  }
}
