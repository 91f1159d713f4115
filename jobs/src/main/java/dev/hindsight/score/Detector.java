package dev.hindsight.score;

import java.io.Serializable;
import java.util.Optional;

/**
 * One anomaly detector: a small pure class, its parameters in {@link ScoringConfig}, unit-tested without Spark.
 * Adding one touches one file (and {@link Detectors#all()}) and one test.
 */
public interface Detector extends Serializable {
  /** Stable name, used in scores, findings, weights and suppressions. */
  String name();

  /** The MITRE ATT&CK technique ids this detector's signal is evidence of, main one first ({@link Attack}). */
  default java.util.List<String> attackTechniques() {
    return Attack.of(name());
  }

  /** Whether the detector needs GeoIP data (it is skipped, and says so, when the lake has none). */
  default boolean needsGeo() {
    return false;
  }

  /** The signal for this credential x region x day, or empty when nothing is remarkable or it does not apply. */
  Optional<Signal> evaluate(Context context);
}
