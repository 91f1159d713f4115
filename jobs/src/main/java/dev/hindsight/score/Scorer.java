package dev.hindsight.score;

import dev.hindsight.error.Errors;
import dev.hindsight.score.detectors.AbstractDetector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores one credential x region x day: runs the enabled detectors and combines their signals into one
 * number from 0 to 100. Pure (no Spark, no I/O) and serializable, so the score job can ship one instance to
 * its executors.
 *
 * <p>Combination: a weighted noisy-OR, {@code 100 x (1 - prod(1 - min(1, w x s / 100)))} over the signals'
 * scores s with the detectors' weights w (default 1). One strong signal carries the day; several independent
 * ones add up without ever exceeding 100; weak supporting signals move a score only a little. A detector with
 * weight 0 contributes nothing and its signal is dropped (to stop running it, disable it).
 *
 * <p>What is not judged: credentials in {@code allow_credentials} and accounts in {@code allow_accounts} score
 * 0 with no signals; suppressed (detector, credential) pairs and disabled detectors are not run; detectors
 * needing GeoIP are not run when the lake has no GeoIP data. Each of these is listed in
 * {@link ScoredDay#skipped()} ("new_origin: needs GeoIP"), so an auditor can see what was not looked at.
 *
 * <p>The scorer's own config is the one the detectors see (it replaces the context's).
 */
public final class Scorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The result for one credential x region x day.
   *
   * @param score combined score 0..100 (rounded to one decimal)
   * @param signals the detectors' signals, strongest first
   * @param coldStart whether the credential had fewer active days than cold_start_days (judged against its
   *     peers and the account rather than its own history)
   * @param skipped detectors not run and why, e.g. "new_origin: needs GeoIP"
   */
  public record ScoredDay(double score, List<Signal> signals, boolean coldStart, List<String> skipped)
      implements Serializable {
    public ScoredDay {
      signals = List.copyOf(signals);
      skipped = List.copyOf(skipped);
    }
  }

  private final ScoringConfig config;
  private final List<Detector> active;
  private final List<String> skippedAlways;

  /** A scorer with the built-in detectors ({@link Detectors#all()}). */
  public Scorer(ScoringConfig config, boolean geoAvailable) {
    this(config, geoAvailable, Detectors.all());
  }

  /**
   * A scorer with the given detectors.
   *
   * @throws IllegalArgumentException when the config names a detector or a parameter that does not exist
   *     (a typo must not silently fall back to a default)
   */
  public Scorer(ScoringConfig config, boolean geoAvailable, List<Detector> detectors) {
    this.config = config;
    // The built-in detectors' names are always known: a scorer running a subset (the warm-up days' scorer)
    // accepts a configuration that weighs or mutes the others.
    List<Detector> known = new ArrayList<>(detectors);
    Set<String> given = new HashSet<>();
    detectors.forEach(d -> given.add(d.name()));
    Detectors.all().stream().filter(d -> !given.contains(d.name())).forEach(known::add);
    validate(config, known);
    List<Detector> run = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Detector d : detectors) {
      if (!config.enabled(d.name())) {
        skipped.add(d.name() + ": disabled");
      } else if (d.needsGeo() && !geoAvailable) {
        skipped.add(d.name() + ": needs GeoIP");
      } else {
        run.add(d);
      }
    }
    this.active = List.copyOf(run);
    this.skippedAlways = List.copyOf(skipped);
  }

  public ScoringConfig config() {
    return config;
  }

  /** Scores one credential x region x day. */
  public ScoredDay score(Context ctx) {
    if (ctx.config() != config) {
      ctx = new Context(ctx.today(), ctx.todayAllRegions(), ctx.history(), ctx.peers(), config);
    }
    Features t = ctx.today();
    boolean cold = ctx.coldStart();
    if (config.allowCredentials().contains(t.credentialId())) {
      return new ScoredDay(0, List.of(), cold, List.of("all detectors: allow-listed credential"));
    }
    if (t.accountId() != null && config.allowAccounts().contains(t.accountId())) {
      return new ScoredDay(0, List.of(), cold, List.of("all detectors: allow-listed account"));
    }
    List<String> skipped = new ArrayList<>(skippedAlways);
    List<Signal> signals = new ArrayList<>();
    for (Detector d : active) {
      Optional<String> why = suppression(d.name(), t.credentialId(), t.date());
      if (why.isPresent()) {
        skipped.add(d.name() + ": suppressed" + why.get());
        continue;
      }
      if (config.weight(d.name()) <= 0) {
        continue;
      }
      Optional<Signal> s;
      try {
        s = d.evaluate(ctx);
      } catch (RuntimeException e) {
        throw new IllegalStateException("Detector " + d.name() + " failed on credential " + t.credentialId()
            + ", region " + t.region() + ", " + t.date() + ": " + e, e);
      }
      s.ifPresent(signals::add);
    }
    signals.sort(Comparator.comparingDouble(Signal::score).reversed());
    return new ScoredDay(combine(signals, config), signals, cold, skipped);
  }

  /** The weighted noisy-OR of the signals' scores, 0..100, rounded to one decimal. */
  public static double combine(List<Signal> signals, ScoringConfig config) {
    double keep = 1;
    for (Signal s : signals) {
      double p = Math.max(0, Math.min(1, config.weight(s.detector()) * s.score() / 100.0));
      keep *= 1 - p;
    }
    double score = 100 * (1 - keep);
    return Math.round(Math.max(0, Math.min(100, score)) * 10) / 10.0;
  }

  private Optional<String> suppression(String detector, String credentialId, java.time.LocalDate day) {
    for (ScoringConfig.Suppression s : config.suppressions()) {
      if (s.mutes(detector, credentialId, day)) {
        return Optional.of(s.reason() == null || s.reason().isBlank() ? "" : " (" + s.reason() + ")");
      }
    }
    return Optional.empty();
  }

  private static void validate(ScoringConfig config, List<Detector> detectors) {
    Set<String> names = new TreeSet<>();
    Set<String> open = new HashSet<>();
    for (Detector d : detectors) {
      names.add(d.name());
      if (!(d instanceof AbstractDetector)) {
        open.add(d.name());
      }
    }
    for (String w : config.weights().keySet()) {
      check(names.contains(w), "unknown detector '" + w + "' in weights; known detectors are " + names);
    }
    for (String d : config.disabled()) {
      check(names.contains(d), "unknown detector '" + d + "' in disabled; known detectors are " + names);
    }
    for (ScoringConfig.Suppression s : config.suppressions()) {
      check(s.detector() != null && ("*".equals(s.detector()) || names.contains(s.detector())),
          "unknown detector '" + s.detector() + "' in suppressions; use \"*\" or one of " + names);
      check(s.credentialId() != null && !s.credentialId().isBlank(),
          "a suppression of " + s.detector() + " has no credential_id");
    }
    Map<String, Double> known = Detectors.parameters(detectors);
    for (String p : config.params().keySet()) {
      int dot = p.indexOf('.');
      boolean ok = known.containsKey(p) || (dot > 0 && open.contains(p.substring(0, dot)));
      check(ok, "unknown parameter '" + p + "' in params; known parameters are " + known.keySet());
      check(config.params().get(p) != null && Double.isFinite(config.params().get(p)),
          "parameter '" + p + "' must be a finite number");
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw Errors.usage("Cannot use scoring config: " + message);
    }
  }
}
