package dev.hindsight.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One finding as the exports see it: the findings row's columns that leave the lake, its triage status, and
 * the evidence events it names (up to the finding's own bound). Every export format is a pure function of a
 * list of these, so formats are tested without Spark.
 */
public record Exported(String findingId, String credentialId, String credentialType, String principal,
    String accountId, List<String> sources, List<String> regions, LocalDate firstSeen, LocalDate lastSeen, int days,
    double score, String severity, List<String> detectors, List<String> attackTechniques, String summary,
    List<Reason> reasons, boolean coldStart, String configVersion, String status, String statusNote,
    List<Evidence> evidence) {

  /** A detector's strongest signal in the episode. */
  public record Reason(String detector, String feature, Double value, Double baseline, double score, String reason) {}

  /** One evidence event: what was done, when, from where. */
  public record Evidence(String eventId, Instant eventTime, String source, String service, String action,
      String outcome, String errorCode, String region, String sourceIp, String userAgent, String principal) {}

  public Exported {
    sources = List.copyOf(sources);
    regions = List.copyOf(regions);
    detectors = List.copyOf(detectors);
    attackTechniques = attackTechniques == null ? List.of() : List.copyOf(attackTechniques);
    reasons = List.copyOf(reasons);
    evidence = List.copyOf(evidence);
  }

  /** The strongest detector, or "hindsight" for a finding without one. */
  public String topDetector() {
    return detectors.isEmpty() ? "hindsight" : detectors.get(0);
  }

  /** A short title: the strongest detector on the credential. */
  public String title() {
    return topDetector().replace('_', ' ') + ": " + (principal != null && !principal.isBlank() ? principal
        : credentialId);
  }
}
