package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Detector;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * Common ground of the built-in detectors: the name, the declared parameters (so a scoring config can be
 * checked for typos) and small helpers to read a parameter and to make a signal.
 */
public abstract class AbstractDetector implements Detector {
  private static final long serialVersionUID = 1L;

  /** One tunable number of a detector: config key {@code <detector>.<key>}, and its default. */
  public record Param(String key, double defaultValue) implements java.io.Serializable {}

  private final String name;

  protected AbstractDetector(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The parameters this detector reads, with their defaults (config keys are {@code name() + "." + key}). */
  public List<Param> parameters() {
    return List.of();
  }

  /** The configured value of a parameter of this detector, or its default. */
  protected final double param(Context ctx, Param p) {
    return ctx.config().param(name + "." + p.key(), p.defaultValue());
  }

  /** A signal of this detector; the score is clamped into 0..100 and rounded to one decimal. */
  protected final Optional<Signal> signal(double value, Double baseline, double score, String reason,
      String feature) {
    return Optional.of(new Signal(name, value, baseline, Stats.score(score), reason, feature));
  }

  @Override
  public String toString() {
    return name;
  }
}
