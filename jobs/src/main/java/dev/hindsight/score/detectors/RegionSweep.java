package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code region_sweep}: the credential was active in many regions in one day, more than on any earlier day
 * (the Describe/List walk through every region that follows a leaked key).
 *
 * <p>Reads the {@code region}, {@code events} and {@code new_region} / {@code new_account_region} of every
 * row of the day ({@code todayAllRegions}), and the {@code region} of the history rows (distinct regions per
 * history day).
 *
 * <p>Fires when the regions of the day reach {@code min_regions} and exceed the history's maximum per day.
 * Score: 30 + 15 per region above max(history max, min_regions - 1), at most 95; multiplied by 0.7 when none
 * of the day's regions is new (to the credential, or for a cold-start credential to the account).
 *
 * <p>The same signal (same score) is put on every region row of the day, so that each row of a sweep carries
 * it; when rolling rows up per credential-day, take the maximum per detector rather than combining the rows.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code region_sweep.min_regions} (default 4): regions in one day from which a sweep is possible.</li>
 * </ul>
 */
public final class RegionSweep extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_REGIONS = new Param("min_regions", 4);

  public RegionSweep() {
    super("region_sweep");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_REGIONS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    List<Features> day = Stats.list(ctx.todayAllRegions());
    if (day.isEmpty()) {
      day = List.of(ctx.today());
    }
    Set<String> regions = new TreeSet<>();
    Set<String> fresh = new TreeSet<>();
    boolean cold = ctx.coldStart();
    for (Features f : day) {
      if (f.events() > 0 && f.region() != null) {
        regions.add(f.region());
        if (cold ? f.newAccountRegion() : f.newRegion()) {
          fresh.add(f.region());
        }
      }
    }
    int n = regions.size();
    int historyMax = 0;
    for (Map.Entry<java.time.LocalDate, List<Features>> e : Stats.byDay(ctx.history()).entrySet()) {
      Set<String> r = new TreeSet<>();
      for (Features f : e.getValue()) {
        if (f.events() > 0) {
          r.add(f.region());
        }
      }
      historyMax = Math.max(historyMax, r.size());
    }
    double minRegions = param(ctx, MIN_REGIONS);
    if (n < minRegions || n <= historyMax) {
      return Optional.empty();
    }
    double excess = n - Math.max(historyMax, minRegions - 1);
    double score = Math.min(95, 30 + 15 * excess);
    if (fresh.isEmpty()) {
      score *= 0.7;
    }
    String news = fresh.isEmpty() ? "" : ", " + fresh.size() + (cold ? " new to the account" : " never used");
    String reason = "was active in " + n + " regions in one day" + news + " (at most " + historyMax
        + " a day before)";
    return signal(n, (double) historyMax, score, reason, "region");
  }
}
