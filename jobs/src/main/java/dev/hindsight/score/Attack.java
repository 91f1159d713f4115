package dev.hindsight.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * MITRE ATT&CK (Enterprise, cloud and SaaS matrices, v16) techniques each built-in detector stands for: one
 * reviewed table, next to {@link Families}. Findings carry the ids of their detectors' techniques (strongest
 * detector first); exports and the report name them.
 *
 * <p>The mapping says what behaviour a detector's signal is evidence of, not what tools an attacker used. A
 * detector may stand for several techniques; the first is its main one.
 */
public final class Attack {
  private Attack() {}

  /** One technique (or sub-technique): id as ATT&CK spells it, its name and its tactics. */
  public record Technique(String id, String name, List<String> tactics) {
    /** The technique's page. */
    public String url() {
      return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
    }
  }

  private static final Map<String, Technique> TECHNIQUES = new LinkedHashMap<>();

  private static void technique(String id, String name, String... tactics) {
    TECHNIQUES.put(id, new Technique(id, name, List.of(tactics)));
  }

  static {
    technique("T1078.004", "Valid Accounts: Cloud Accounts", "defense-evasion", "persistence",
        "privilege-escalation", "initial-access");
    technique("T1098.001", "Account Manipulation: Additional Cloud Credentials", "persistence",
        "privilege-escalation");
    technique("T1098.003", "Account Manipulation: Additional Cloud Roles", "persistence", "privilege-escalation");
    technique("T1562.008", "Impair Defenses: Disable or Modify Cloud Logs", "defense-evasion");
    technique("T1555.006", "Credentials from Password Stores: Cloud Secrets Management Stores", "credential-access");
    technique("T1552.005", "Unsecured Credentials: Cloud Instance Metadata API", "credential-access");
    technique("T1535", "Unused/Unsupported Cloud Regions", "defense-evasion");
    technique("T1580", "Cloud Infrastructure Discovery", "discovery");
    technique("T1526", "Cloud Service Discovery", "discovery");
    technique("T1087.004", "Account Discovery: Cloud Account", "discovery");
    technique("T1496.004", "Resource Hijacking: Cloud Service Hijacking", "impact");
    technique("T1530", "Data from Cloud Storage", "collection");
  }

  /** Detector name -> its techniques, main one first. Every built-in detector has at least one (AttackTest). */
  private static final Map<String, List<String>> BY_DETECTOR = Map.ofEntries(
      Map.entry("new_origin", List.of("T1078.004")),
      Map.entry("new_region", List.of("T1535", "T1078.004")),
      Map.entry("region_sweep", List.of("T1535", "T1580")),
      Map.entry("impossible_travel", List.of("T1078.004")),
      Map.entry("volume_spike", List.of("T1078.004", "T1530")),
      Map.entry("error_burst", List.of("T1580", "T1526", "T1087.004")),
      Map.entry("rare_actions", List.of("T1078.004")),
      Map.entry("key_created_for_other", List.of("T1098.001")),
      Map.entry("new_key_used", List.of("T1098.001", "T1078.004")),
      Map.entry("privilege_change", List.of("T1098.003")),
      Map.entry("mass_secret_retrieval", List.of("T1555.006")),
      Map.entry("logging_tampering", List.of("T1562.008")),
      Map.entry("dormant_return", List.of("T1078.004")),
      Map.entry("model_abuse", List.of("T1496.004", "T1526")),
      Map.entry("instance_credentials_outside_aws", List.of("T1552.005", "T1078.004")));

  /** The technique ids of a detector, main one first; empty for a detector the table does not know. */
  public static List<String> of(String detector) {
    return BY_DETECTOR.getOrDefault(detector, List.of());
  }

  /** The technique ids of several detectors (strongest first), each once, in that order. */
  public static List<String> of(List<String> detectors) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (String d : detectors) {
      ids.addAll(of(d));
    }
    return new ArrayList<>(ids);
  }

  /** The technique of an id, or null for an id this table does not hold. */
  public static Technique technique(String id) {
    return TECHNIQUES.get(id);
  }

  /** Every technique the table holds, in table order. */
  public static List<Technique> techniques() {
    return List.copyOf(TECHNIQUES.values());
  }

  /** The detectors the table maps. */
  public static java.util.Set<String> detectors() {
    return BY_DETECTOR.keySet();
  }
}
