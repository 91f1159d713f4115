package dev.hindsight.score;

import dev.hindsight.score.detectors.AbstractDetector;
import dev.hindsight.score.detectors.DormantReturn;
import dev.hindsight.score.detectors.ErrorBurst;
import dev.hindsight.score.detectors.ImpossibleTravel;
import dev.hindsight.score.detectors.KeyCreatedForOther;
import dev.hindsight.score.detectors.LoggingTampering;
import dev.hindsight.score.detectors.MassSecretRetrieval;
import dev.hindsight.score.detectors.InstanceCredentialsOutsideAws;
import dev.hindsight.score.detectors.ModelAbuse;
import dev.hindsight.score.detectors.NewKeyUsed;
import dev.hindsight.score.detectors.NewOrigin;
import dev.hindsight.score.detectors.NewRegion;
import dev.hindsight.score.detectors.PrivilegeChange;
import dev.hindsight.score.detectors.RareActions;
import dev.hindsight.score.detectors.RegionSweep;
import dev.hindsight.score.detectors.VolumeSpike;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in detectors, in a fixed order (the order of the signals' tie-break and of the docs). */
public final class Detectors {
  private Detectors() {}

  /** A fresh instance of every built-in detector, always in the same order. */
  public static List<Detector> all() {
    return List.of(
        new NewOrigin(),
        new NewRegion(),
        new RegionSweep(),
        new ImpossibleTravel(),
        new VolumeSpike(),
        new ErrorBurst(),
        new RareActions(),
        new KeyCreatedForOther(),
        new NewKeyUsed(),
        new PrivilegeChange(),
        new MassSecretRetrieval(),
        new LoggingTampering(),
        new DormantReturn(),
        new ModelAbuse(),
        new InstanceCredentialsOutsideAws());
  }

  /** The names of the built-in detectors, in order. */
  public static List<String> names() {
    return all().stream().map(Detector::name).toList();
  }

  /** Every parameter of the given detectors: config key ("detector.parameter") -> default, in order. */
  public static Map<String, Double> parameters(List<Detector> detectors) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Detector d : detectors) {
      if (d instanceof AbstractDetector a) {
        for (AbstractDetector.Param p : a.parameters()) {
          out.put(d.name() + "." + p.key(), p.defaultValue());
        }
      }
    }
    return out;
  }

  /** Every parameter of the built-in detectors with its default. */
  public static Map<String, Double> parameters() {
    return parameters(all());
  }
}
