package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * {@code volume_spike}: the credential made far more calls, data reads or model tokens in a region than on
 * its ordinary days there (bulk exfiltration, a runaway or hijacked job).
 *
 * <p>Reads {@code events}, {@code data_reads}, {@code tokens_in} + {@code tokens_out} (only when not null) of
 * today's row and of the same-region history rows, and, for cold-start credentials, the peer medians
 * ({@code PeerStats.medianEvents}, {@code medianDataReads}).
 *
 * <p>Baseline: median and MAD (scaled by 1.4826) over the history days on which the credential was active in
 * this region. Days without a row are <em>not</em> counted as 0: the baseline describes a day on which the
 * credential works, so a weekday-only user is not compared with weekend zeros and a credential used once a
 * week is not a spike every time it works (absence is {@code dormant_return}'s business). The robust z uses
 * max(1.4826 x MAD, sqrt(median), 1) as sigma, so a perfectly steady history (MAD 0) still has the Poisson
 * noise of a count. A metric fires when it is at least {@code min_value}, at least {@code min_ratio} x the
 * median and its robust z is at least {@code min_z}; the score is 40 + 20 x log2(ratio / min_ratio), at most
 * 95 (5x: 40, 10x: 60, 20x: 80). The strongest metric is reported. Needs {@code min_history_days} active
 * days in the region; with fewer (and not cold start) the detector stays silent ({@code new_region} covers a
 * region the credential just started using).
 *
 * <p>Periodicity damping: when a history day 27..32 days earlier had at least half of today's value of the
 * same metric in the same region, today is the next run of a recurring (monthly) job: score 5.
 *
 * <p>Cold start (fewer than {@code cold_start_days} active days): events and data reads are compared with
 * the same-day medians of the peer group (same account and credential type, at least 3 peers); the score is
 * 25 + 10 x log2(ratio / min_ratio), at most 45 (peer comparisons are weak evidence).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code volume_spike.min_ratio} (default 5): today / median needed.</li>
 *   <li>{@code volume_spike.min_z} (default 6): robust z needed.</li>
 *   <li>{@code volume_spike.min_value} (default 100): smallest value considered (no spikes of 3 calls).</li>
 *   <li>{@code volume_spike.min_history_days} (default 5): active same-region history days needed.</li>
 * </ul>
 */
public final class VolumeSpike extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param MIN_RATIO = new Param("min_ratio", 5);
  static final Param MIN_Z = new Param("min_z", 6);
  static final Param MIN_VALUE = new Param("min_value", 100);
  static final Param MIN_HISTORY_DAYS = new Param("min_history_days", 5);

  /** One measured quantity; {@code of} returns NaN where the row has no value. */
  private record Metric(String feature, String verb, String unit, ToDoubleFunction<Features> of) {}

  private static final List<Metric> METRICS = List.of(
      new Metric("events", "made", "calls", f -> f.events()),
      new Metric("data_reads", "made", "data reads", f -> f.dataReads()),
      new Metric("tokens_in", "used", "model tokens", VolumeSpike::tokens));

  public VolumeSpike() {
    super("volume_spike");
  }

  @Override
  public List<Param> parameters() {
    return List.of(MIN_RATIO, MIN_Z, MIN_VALUE, MIN_HISTORY_DAYS);
  }

  static double tokens(Features f) {
    if (f.tokensIn() == null && f.tokensOut() == null) {
      return Double.NaN;
    }
    return (f.tokensIn() == null ? 0 : f.tokensIn()) + (f.tokensOut() == null ? 0 : f.tokensOut());
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    return ctx.coldStart() ? againstPeers(ctx) : againstHistory(ctx);
  }

  private Optional<Signal> againstHistory(Context ctx) {
    Features t = ctx.today();
    List<Features> hist = ctx.sameRegionHistory();
    double minRatio = param(ctx, MIN_RATIO);
    double minZ = param(ctx, MIN_Z);
    double minValue = param(ctx, MIN_VALUE);
    double minDays = param(ctx, MIN_HISTORY_DAYS);
    Optional<Signal> best = Optional.empty();
    for (Metric m : METRICS) {
      double x = m.of().applyAsDouble(t);
      if (Double.isNaN(x) || x < minValue) {
        continue;
      }
      List<Features> usable = hist.stream().filter(h -> !Double.isNaN(m.of().applyAsDouble(h))).toList();
      if (usable.size() < minDays) {
        continue;
      }
      double[] v = Stats.values(usable, m.of());
      double med = Stats.median(v);
      double sigma = Math.max(Stats.MAD_SCALE * Stats.mad(v), Math.max(Math.sqrt(med), 1));
      double ratio = x / Math.max(med, 1);
      double z = (x - med) / sigma;
      if (ratio < minRatio || z < minZ) {
        continue;
      }
      double score = Math.min(95, 40 + 20 * log2(ratio / minRatio));
      String reason = m.verb() + " " + Stats.n(x) + " " + m.unit() + ", " + Stats.x(ratio) + "x its median of "
          + Stats.n(med);
      for (Features h : usable) {
        long ago = ChronoUnit.DAYS.between(h.date(), t.date());
        if (ago >= 27 && ago <= 32 && m.of().applyAsDouble(h) >= 0.5 * x) {
          score = 5;
          reason += " (as " + ago + " days earlier: a recurring job)";
          break;
        }
      }
      Optional<Signal> s = signal(x, med, score, reason, m.feature());
      if (best.isEmpty() || s.get().score() > best.get().score()) {
        best = s;
      }
    }
    return best;
  }

  private Optional<Signal> againstPeers(Context ctx) {
    Features t = ctx.today();
    Context.PeerStats peers = ctx.peers() == null ? Context.PeerStats.NONE : ctx.peers();
    if (peers.credentials() < 3) {
      return Optional.empty();
    }
    double minRatio = param(ctx, MIN_RATIO);
    double minValue = param(ctx, MIN_VALUE);
    Optional<Signal> best = Optional.empty();
    double[][] pairs = {{t.events(), peers.medianEvents()}, {t.dataReads(), peers.medianDataReads()}};
    for (int i = 0; i < pairs.length; i++) {
      double x = pairs[i][0];
      double med = pairs[i][1];
      double ratio = x / Math.max(med, 1);
      if (x < minValue || ratio < minRatio) {
        continue;
      }
      Metric m = METRICS.get(i);
      double score = Math.min(45, 25 + 10 * log2(ratio / minRatio));
      String reason = m.verb() + " " + Stats.n(x) + " " + m.unit() + ", " + Stats.x(ratio)
          + "x the median of its " + peers.credentials() + " peers (new credential)";
      Optional<Signal> s = signal(x, med, score, reason, m.feature());
      if (best.isEmpty() || s.get().score() > best.get().score()) {
        best = s;
      }
    }
    return best;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
