package dev.hindsight.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ScoringConfig} for tests without spelling out its twelve components. */
public final class Configs {
  private int baselineDays;
  private int lookbackDays;
  private int coldStartDays;
  private double findingScore;
  private int maxEvidence;
  private Map<String, Double> weights = new HashMap<>();
  private List<String> disabled = new ArrayList<>();
  private Map<String, Double> params = new HashMap<>();
  private List<String> allowAsns = new ArrayList<>();
  private List<String> allowCredentials = new ArrayList<>();
  private List<String> allowAccounts = new ArrayList<>();
  private List<ScoringConfig.Suppression> suppressions = new ArrayList<>();

  public static Configs defaults() {
    return new Configs();
  }

  public static Configs with(ScoringConfig c) {
    Configs b = new Configs();
    b.baselineDays = c.baselineDays();
    b.lookbackDays = c.lookbackDays();
    b.coldStartDays = c.coldStartDays();
    b.findingScore = c.findingScore();
    b.maxEvidence = c.maxEvidence();
    b.weights = new HashMap<>(c.weights());
    b.disabled = new ArrayList<>(c.disabled());
    b.params = new HashMap<>(c.params());
    b.allowAsns = new ArrayList<>(c.allowAsns());
    b.allowCredentials = new ArrayList<>(c.allowCredentials());
    b.allowAccounts = new ArrayList<>(c.allowAccounts());
    b.suppressions = new ArrayList<>(c.suppressions());
    return b;
  }

  public Configs coldStartDays(int d) {
    coldStartDays = d;
    return this;
  }

  public Configs weight(String detector, double w) {
    weights.put(detector, w);
    return this;
  }

  public Configs disable(String detector) {
    disabled.add(detector);
    return this;
  }

  public Configs param(String key, double value) {
    params.put(key, value);
    return this;
  }

  public Configs params(Map<String, Double> p) {
    params = new HashMap<>(p);
    return this;
  }

  public Configs allowAsn(String asn) {
    allowAsns.add(asn);
    return this;
  }

  public Configs allowCredential(String id) {
    allowCredentials.add(id);
    return this;
  }

  public Configs allowAccount(String id) {
    allowAccounts.add(id);
    return this;
  }

  public Configs suppress(String detector, String credentialId, String reason) {
    suppressions.add(new ScoringConfig.Suppression(detector, credentialId, reason));
    return this;
  }

  public ScoringConfig build() {
    return new ScoringConfig(baselineDays, lookbackDays, coldStartDays, findingScore, maxEvidence, weights, disabled,
        params, allowAsns, allowCredentials, allowAccounts, suppressions);
  }
}
