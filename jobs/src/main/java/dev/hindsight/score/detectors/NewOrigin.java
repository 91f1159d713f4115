package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code new_origin}: the credential called from an ASN and/or a country it never used before (in the
 * lookback window).
 *
 * <p>Reads {@code new_asns}, {@code new_countries}, {@code new_account_asns}, {@code new_account_countries},
 * {@code asns}, {@code countries}, {@code credential_type}, {@code days_active_before}, and the history's
 * {@code asns} / {@code countries} (only to name the new ones in the reason). Needs GeoIP: a row without any
 * ASN or country is not judged.
 *
 * <p>Scoring: a new ASN counts 55 and a new country 35 (together 90) when the whole account never saw them
 * either; an origin new to the credential but known to the account (a colleague's ISP, the office of another
 * team) counts a bit over half of that. Long-term access keys take the full score; every other credential
 * type (sessions, roles) is multiplied by {@code session_factor}, since sessions move with the people and
 * services that hold them. A cold-start credential (fewer than {@code cold_start_days} active days) is judged
 * by the account-level novelty only (for a new employee everything is new, but the office ASN is known to the
 * account), and multiplied by {@code cold_start_factor}: a new credential from an ASN new to the account is
 * worth a look (44) but not a finding on its own; with a country new to the account too it is (72).
 * Account-level novelty needs an account with a history: when {@code thin_account_credentials} or more
 * credentials of the account use today's region for the first time ({@code new_account_region} and
 * {@code account_new_region_credentials}), the account is new to the lake (its first days, or an account
 * just added) and a cold-start credential is not judged.
 *
 * <p>Allow-list: an ASN in {@code allow_asns} never counts. The feature columns are counts, so the detector
 * caps the new-ASN count at the number of today's ASNs that are not allow-listed; a day entirely from
 * allow-listed ASNs (corporate VPN, CI runners) is not judged at all, countries included.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code new_origin.session_factor} (default 0.7): multiplier for credentials that are not long-term
 *       access keys or root.</li>
 *   <li>{@code new_origin.cold_start_factor} (default 0.8): multiplier for cold-start credentials.</li>
 *   <li>{@code new_origin.thin_account_credentials} (default 3): credentials of the account starting on
 *       today's region the same day that mark an account without history.</li>
 * </ul>
 */
public final class NewOrigin extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param SESSION_FACTOR = new Param("session_factor", 0.7);
  static final Param COLD_START_FACTOR = new Param("cold_start_factor", 0.8);
  static final Param THIN_ACCOUNT_CREDENTIALS = new Param("thin_account_credentials", 3);

  public NewOrigin() {
    super("new_origin");
  }

  @Override
  public boolean needsGeo() {
    return true;
  }

  @Override
  public List<Param> parameters() {
    return List.of(SESSION_FACTOR, COLD_START_FACTOR, THIN_ACCOUNT_CREDENTIALS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    if (!t.hasGeo()) {
      return Optional.empty();
    }
    Set<String> allow = new HashSet<>(ctx.config().allowAsns());
    List<String> asns = Stats.list(t.asns());
    List<String> open = asns.stream().filter(a -> !allow.contains(a)).toList();
    if (!asns.isEmpty() && open.isEmpty()) {
      return Optional.empty();
    }
    boolean cold = ctx.coldStart();
    if (cold && t.newAccountRegion() && t.accountNewRegionCredentials() >= param(ctx, THIN_ACCOUNT_CREDENTIALS)) {
      return Optional.empty();
    }
    int acctAsns = Math.min(t.newAccountAsns(), open.size());
    int credAsns = Math.min(t.newAsns(), open.size());
    int acctCountries = t.newAccountCountries();
    int credCountries = t.newCountries();
    int newAsns = cold ? acctAsns : credAsns;
    int newCountries = cold ? acctCountries : credCountries;
    if (newAsns <= 0 && newCountries <= 0) {
      return Optional.empty();
    }
    double asnPart = newAsns <= 0 ? 0 : cold || acctAsns > 0 ? 1.0 : 0.55;
    double countryPart = newCountries <= 0 ? 0 : cold || acctCountries > 0 ? 1.0 : 0.55;
    double score = 55 * asnPart + 35 * countryPart;
    boolean fullStrength = t.isLongTermKey() || "root".equals(t.credentialType());
    if (!fullStrength) {
      score *= param(ctx, SESSION_FACTOR);
    }
    if (cold) {
      score *= param(ctx, COLD_START_FACTOR);
    }
    Set<String> seenAsns = new HashSet<>();
    Set<String> seenCountries = new HashSet<>();
    for (Features h : ctx.history()) {
      seenAsns.addAll(Stats.list(h.asns()));
      seenCountries.addAll(Stats.list(h.countries()));
    }
    List<String> asnCandidates = open.stream().filter(a -> !seenAsns.contains(a)).toList();
    List<String> countryCandidates =
        Stats.list(t.countries()).stream().filter(c -> !seenCountries.contains(c)).toList();
    String scope = cold ? " new to the account" : "";
    List<String> parts = new ArrayList<>();
    if (newAsns > 0) {
      parts.add("from " + describe(newAsns, "ASN", "ASNs", scope, asnCandidates));
    }
    if (newCountries > 0) {
      parts.add((parts.isEmpty() ? "from " : "in ") + describe(newCountries, "country", "countries", scope,
          countryCandidates));
    }
    String reason = "came " + String.join(" ", parts);
    String feature = cold ? (newAsns > 0 ? "new_account_asns" : "new_account_countries")
        : (newAsns > 0 ? "new_asns" : "new_countries");
    return signal(Math.max(newAsns, 0) + Math.max(newCountries, 0), null, score, reason, feature);
  }

  /** "a new ASN (AS1)", "2 new ASNs (AS1, AS2)", "an ASN new to the account (one of AS1, AS2)". */
  private static String describe(int count, String one, String many, String scope, List<String> candidates) {
    String head;
    if (scope.isEmpty()) {
      head = count == 1 ? "a new " + one : count + " new " + many;
    } else {
      head = count == 1 ? (one.startsWith("A") ? "an " : "a ") + one + scope : count + " " + many + scope;
    }
    if (candidates.isEmpty()) {
      return head;
    }
    String list = Stats.join(candidates, 4);
    if (candidates.size() == count) {
      return head + " (" + list + ")";
    }
    if (candidates.size() < count) {
      return head + " (including " + list + ")";
    }
    return head + " (" + (count == 1 ? "one of " : "among ") + list + ")";
  }
}
