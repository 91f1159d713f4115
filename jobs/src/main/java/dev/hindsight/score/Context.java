package dev.hindsight.score;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a detector may look at for one credential x region x day, all strictly from before the end of
 * that day (point-in-time).
 *
 * @param today the row being scored
 * @param todayAllRegions the credential's rows of the same day in every region (today included)
 * @param history the credential's rows of earlier days inside the baseline window, any region, oldest first
 * @param peers statistics of the same day over the credential's peer group (same account and credential type,
 *     itself included in the medians)
 * @param config the detector parameters and allow-lists
 */
public record Context(Features today, List<Features> todayAllRegions, List<Features> history, PeerStats peers,
    ScoringConfig config) implements Serializable {

  /**
   * Same-day statistics of a peer group (same account, same credential type). credentials counts the others;
   * the medians are taken over the whole group, the credential itself included (ScoreJob computes them in one
   * aggregate). NONE when the credential has fewer than two peers.
   */
  public record PeerStats(int credentials, double medianEvents, double medianFailures, double medianDataReads,
      double medianModelInvocations) implements Serializable {
    public static final PeerStats NONE = new PeerStats(0, 0, 0, 0, 0);
  }

  /** History rows of the same region as today. */
  public List<Features> sameRegionHistory() {
    return history.stream().filter(f -> f.region().equals(today.region())).toList();
  }

  /** Cold start: the credential has been active on fewer days than the configured minimum. */
  public boolean coldStart() {
    return today.daysActiveBefore() < config.coldStartDays();
  }
}
