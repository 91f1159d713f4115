package dev.hindsight.score;

import dev.hindsight.error.Errors;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scoring configuration: windows, thresholds, detector weights and parameters, allow-lists and suppressions.
 * Loaded from one JSON file (--config); what is not in the file takes the default. Its hash is
 * {@link #version()}, stored as config_version on every score and finding.
 *
 * @param baselineDays trailing days of a credential's own history used for baselines (default 35: a month plus
 *     a few days, so a monthly job's previous run is in view)
 * @param lookbackDays trailing days for first-seen sets (IPs, ASNs, countries, regions, actions; default 90)
 * @param coldStartDays a credential active on fewer earlier days is scored against its peers (default 7)
 * @param findingScore a day whose combined score reaches this is anomalous and becomes (part of) a finding
 *     (default 50)
 * @param maxEvidence evidence event ids kept per credential-day and per finding (default 50)
 * @param weights detector name -> weight in the combined score (default 1.0 each)
 * @param disabled detector names not to run
 * @param params detector parameters, "detector.parameter" -> value; each detector documents its own and their
 *     defaults
 * @param allowAsns ASNs whose traffic never counts as a new origin or as travel (corporate VPN, CI runners),
 *     e.g. "AS13335"
 * @param allowCredentials credential ids (exact) never scored, e.g. a break-glass automation role
 * @param allowAccounts account ids never scored
 * @param suppressions (detector, credential id) pairs muted, with a reason kept for the auditor
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ScoringConfig(
    @JsonProperty("baseline_days") int baselineDays,
    @JsonProperty("lookback_days") int lookbackDays,
    @JsonProperty("cold_start_days") int coldStartDays,
    @JsonProperty("finding_score") double findingScore,
    @JsonProperty("max_evidence") int maxEvidence,
    @JsonProperty("weights") Map<String, Double> weights,
    @JsonProperty("disabled") List<String> disabled,
    @JsonProperty("params") Map<String, Double> params,
    @JsonProperty("allow_asns") List<String> allowAsns,
    @JsonProperty("allow_credentials") List<String> allowCredentials,
    @JsonProperty("allow_accounts") List<String> allowAccounts,
    @JsonProperty("suppressions") List<Suppression> suppressions) implements Serializable {

  /**
   * A muted (detector, credential) pair; "*" matches any detector. {@code until}, when given, is the last day
   * it applies to (days after it are scored again); without it the pair is muted on every day.
   */
  public record Suppression(@JsonProperty("detector") String detector,
      @JsonProperty("credential_id") String credentialId, @JsonProperty("reason") String reason,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      @JsonProperty("until") String until) implements Serializable {
    public Suppression {
      if (until != null) {
        try {
          java.time.LocalDate.parse(until);
        } catch (java.time.format.DateTimeParseException e) {
          throw dev.hindsight.error.Errors.usage("Cannot use scoring config: a suppression's until must be"
              + " YYYY-MM-DD (got " + until + ")");
        }
      }
    }

    public Suppression(String detector, String credentialId, String reason) {
      this(detector, credentialId, reason, (String) null);
    }

    public Suppression(String detector, String credentialId, String reason, java.time.LocalDate until) {
      this(detector, credentialId, reason, until == null ? null : until.toString());
    }

    /** Whether it mutes detector d for credential c on day. */
    public boolean mutes(String d, String c, java.time.LocalDate day) {
      return ("*".equals(detector) || d.equals(detector)) && c.equals(credentialId)
          && (until == null || day == null || !day.isAfter(java.time.LocalDate.parse(until)));
    }
  }

  /**
   * This configuration with more suppressions (the lake's suppression rules, made from triaged findings) after
   * its own. Its {@link #version()} differs when there are any: scores say what muted them.
   */
  public ScoringConfig withSuppressions(List<Suppression> more) {
    if (more == null || more.isEmpty()) {
      return this;
    }
    List<Suppression> all = new java.util.ArrayList<>(suppressions);
    all.addAll(more);
    return new ScoringConfig(baselineDays, lookbackDays, coldStartDays, findingScore, maxEvidence, weights, disabled,
        params, allowAsns, allowCredentials, allowAccounts, all);
  }

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  public ScoringConfig {
    weights = weights == null ? Map.of() : Map.copyOf(weights);
    disabled = disabled == null ? List.of() : List.copyOf(disabled);
    params = params == null ? Map.of() : Map.copyOf(params);
    allowAsns = allowAsns == null ? List.of() : List.copyOf(allowAsns);
    allowCredentials = allowCredentials == null ? List.of() : List.copyOf(allowCredentials);
    allowAccounts = allowAccounts == null ? List.of() : List.copyOf(allowAccounts);
    suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
    baselineDays = baselineDays == 0 ? 35 : baselineDays;
    lookbackDays = lookbackDays == 0 ? 90 : lookbackDays;
    coldStartDays = coldStartDays == 0 ? 7 : coldStartDays;
    findingScore = findingScore == 0 ? 50 : findingScore;
    maxEvidence = maxEvidence == 0 ? 50 : maxEvidence;
    check(baselineDays >= 7 && baselineDays <= 366, "baseline_days must be within 7..366 (got " + baselineDays + ")");
    check(lookbackDays >= baselineDays && lookbackDays <= 732,
        "lookback_days must be within baseline_days..732 (got " + lookbackDays + ")");
    check(coldStartDays >= 1 && coldStartDays <= baselineDays,
        "cold_start_days must be within 1..baseline_days (got " + coldStartDays + ")");
    check(findingScore > 0 && findingScore <= 100, "finding_score must be within 0..100 (got " + findingScore + ")");
    check(maxEvidence >= 1 && maxEvidence <= 1000, "max_evidence must be within 1..1000 (got " + maxEvidence + ")");
    for (Map.Entry<String, Double> w : weights.entrySet()) {
      check(w.getValue() != null && w.getValue() >= 0 && w.getValue() <= 10,
          "weight of " + w.getKey() + " must be within 0..10 (got " + w.getValue() + ")");
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw Errors.usage("Cannot use scoring config: " + message);
    }
  }

  public static ScoringConfig defaults() {
    return new ScoringConfig(0, 0, 0, 0, 0, null, null, null, null, null, null, null);
  }

  /** Reads a JSON config file; unknown keys are refused (a typo must not silently fall back to a default). */
  public static ScoringConfig load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw Errors.usage("Cannot use scoring config " + file + ": " + e.getMessage());
    }
  }

  /**
   * Reads a JSON config from a local path, {@code file:} or any Hadoop URI ({@code s3a://}).
   *
   * @param sparkConf the command's --conf (its spark.hadoop.* settings reach the filesystem)
   */
  public static ScoringConfig load(String uri, java.util.Map<String, String> sparkConf) {
    return parse(uri, dev.hindsight.lake.RemoteFiles.readText(uri, sparkConf));
  }

  /** Parses a config's JSON text; {@code file} names it in errors. */
  public static ScoringConfig parse(String file, String json) {
    try {
      return JSON.readValue(json, ScoringConfig.class);
    } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
      throw Errors.usage("Cannot use scoring config " + file + ": unknown key '"
          + e.getPropertyName() + "'; known keys are " + e.getKnownPropertyIds());
    } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
      throw Errors.usage(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    } catch (IOException e) {
      throw Errors.usage("Cannot use scoring config " + file + ": " + e.getMessage());
    }
  }

  /** A detector parameter, or its default. */
  public double param(String name, double defaultValue) {
    Double v = params.get(name);
    return v == null ? defaultValue : v;
  }

  public double weight(String detector) {
    return weights.getOrDefault(detector, 1.0);
  }

  public boolean enabled(String detector) {
    return !disabled.contains(detector);
  }

  public boolean suppressed(String detector, String credentialId) {
    for (Suppression s : suppressions) {
      if (s.mutes(detector, credentialId, null)) {
        return true;
      }
    }
    return false;
  }

  /** The resolved configuration as canonical JSON (sorted keys). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(new TreeMap<>(JSON.convertValue(this, Map.class)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** config_version: the first 16 hex digits of the SHA-256 of {@link #toJson()}. */
  public String version() {
    return dev.hindsight.lake.Hashes.sha256Hex(toJson()).substring(0, 16);
  }
}
