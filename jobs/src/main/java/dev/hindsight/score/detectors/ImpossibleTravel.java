package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code impossible_travel}: the credential was used from two different countries within minutes of each
 * other (a session or key in two places at once).
 *
 * <p>Reads {@code country_switch_minutes} (the shortest gap between consecutive events of the credential from
 * different countries, any region), the {@code countries} and {@code asns} of every row of the day, the
 * history's {@code countries} and {@code country_switch_minutes}, and {@code credential_type}. Needs GeoIP.
 *
 * <p>Limitation: country level only. There are no coordinates, so no distance or speed: two neighbouring
 * countries a few minutes apart (a border commuter, a VPN toggled on) look the same as two continents.
 * The damping below is what keeps that in check.
 *
 * <p>Score: 50 + 40 x (1 - minutes / {@code max_minutes}) (90 for a switch within a minute). Halved when every
 * country of the day was already seen in the credential's history (a known pair of places). Multiplied by
 * 0.5 for role sessions (a role used by services in several regions legitimately calls from several
 * countries at once). Damped to 10 when the credential had such fast switches on at least
 * {@code routine_days} earlier days. Not judged: AWS service credentials, and days whose ASNs are all in
 * {@code allow_asns} (VPN exits, CI runners).
 *
 * <p>The value is the same on every row of the day, so the signal is on every region row of the day.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code impossible_travel.max_minutes} (default 120): a country switch faster than this is
 *       suspicious.</li>
 *   <li>{@code impossible_travel.routine_days} (default 2): earlier days with such a switch that make it
 *       routine for the credential.</li>
 * </ul>
 */
public final class ImpossibleTravel extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MAX_MINUTES = new Param("max_minutes", 120);
  static final Param ROUTINE_DAYS = new Param("routine_days", 2);

  public ImpossibleTravel() {
    super("impossible_travel");
  }

  @Override
  public boolean needsGeo() {
    return true;
  }

  @Override
  public List<Param> parameters() {
    return List.of(MAX_MINUTES, ROUTINE_DAYS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    Double minutes = t.countrySwitchMinutes();
    if (minutes == null || "aws_service".equals(t.credentialType())) {
      return Optional.empty();
    }
    double max = param(ctx, MAX_MINUTES);
    if (!(minutes < max)) {
      return Optional.empty();
    }
    List<Features> day = Stats.list(ctx.todayAllRegions());
    if (day.isEmpty()) {
      day = List.of(t);
    }
    Set<String> allow = new HashSet<>(ctx.config().allowAsns());
    Set<String> asns = new TreeSet<>();
    Set<String> countries = new TreeSet<>();
    for (Features f : day) {
      asns.addAll(Stats.list(f.asns()));
      countries.addAll(Stats.list(f.countries()));
    }
    if (!asns.isEmpty() && allow.containsAll(asns)) {
      return Optional.empty();
    }
    Set<String> seen = new HashSet<>();
    for (Features h : ctx.history()) {
      seen.addAll(Stats.list(h.countries()));
    }
    boolean anyNew = countries.stream().anyMatch(c -> !seen.contains(c));
    double score = 50 + 40 * (1 - Math.max(minutes, 0) / max);
    if (!anyNew && !countries.isEmpty()) {
      score *= 0.5;
    }
    if ("role_session".equals(t.credentialType())) {
      score *= 0.5;
    }
    String where = countries.isEmpty() ? "countries" : "countries (" + Stats.join(List.copyOf(countries), 4) + ")";
    String reason = "switched " + where + " within " + Stats.n(Math.max(1, Math.ceil(minutes))) + " "
        + Stats.plural((long) Math.max(1, Math.ceil(minutes)), "minute", "minutes");
    int routine = Stats.daysWith(ctx.history(),
        h -> h.countrySwitchMinutes() != null && h.countrySwitchMinutes() < max);
    if (routine >= param(ctx, ROUTINE_DAYS)) {
      score = Math.min(score, 10);
      reason += " (as on " + routine + " earlier days)";
    }
    return signal(minutes, null, score, reason, "country_switch_minutes");
  }
}
