package dev.hindsight.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Context} for detector and scorer tests: today's row, by default alone in its day, no
 * history, no peers, the default config; each test sets what its case needs.
 */
public final class ContextBuilder {
  private final Features today;
  private List<Features> allRegions;
  private final List<Features> history = new ArrayList<>();
  private Context.PeerStats peers = Context.PeerStats.NONE;
  private ScoringConfig config = ScoringConfig.defaults();

  private ContextBuilder(Features today) {
    this.today = today;
  }

  public static ContextBuilder of(Features today) {
    return new ContextBuilder(today);
  }

  public static ContextBuilder of(FeaturesBuilder today) {
    return new ContextBuilder(today.build());
  }

  /** Adds history rows (kept sorted oldest first). */
  public ContextBuilder history(List<Features> rows) {
    history.addAll(rows);
    history.sort(java.util.Comparator.comparing(Features::date));
    return this;
  }

  /** The credential's rows of today in every region (today's row is added if missing). */
  public ContextBuilder allRegions(List<Features> rows) {
    allRegions = new ArrayList<>(rows);
    if (!allRegions.contains(today)) {
      allRegions.add(0, today);
    }
    return this;
  }

  public ContextBuilder peers(int credentials, double medianEvents, double medianFailures, double medianDataReads,
      double medianModelInvocations) {
    peers = new Context.PeerStats(credentials, medianEvents, medianFailures, medianDataReads, medianModelInvocations);
    return this;
  }

  public ContextBuilder config(ScoringConfig c) {
    config = c;
    return this;
  }

  public ContextBuilder param(String key, double value) {
    Map<String, Double> p = new HashMap<>(config.params());
    p.put(key, value);
    config = Configs.with(config).params(p).build();
    return this;
  }

  public Context build() {
    return new Context(today, allRegions == null ? List.of(today) : List.copyOf(allRegions), List.copyOf(history),
        peers, config);
  }
}
