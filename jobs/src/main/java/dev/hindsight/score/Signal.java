package dev.hindsight.score;

import java.io.Serializable;

/**
 * What one detector says about one credential x region x day.
 *
 * @param detector the detector's name
 * @param value the observed value (a count, a ratio, minutes, ...)
 * @param baseline what was expected from history or peers (null when the detector has no baseline)
 * @param score 0 (normal) .. 100 (as anomalous as this detector gets)
 * @param reason one short readable clause for the finding's summary, e.g. "called 3 never-used regions"
 * @param feature the features column the value comes from, e.g. "new_asns"
 */
public record Signal(String detector, double value, Double baseline, double score, String reason, String feature)
    implements Serializable {
  public Signal {
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("Cannot make a signal: score must be within 0..100 (got " + score + ")");
    }
  }
}
