package dev.hindsight.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.score.Attack;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * SARIF 2.1.0: one run of the tool {@code hindsight}, a rule per detector (with its ATT&CK techniques as tags)
 * and a result per finding: {@code ruleId} the strongest detector, {@code level} error (critical, high), warning
 * (medium) or note (low), the summary as the message, the credential as a logical location, the finding id as
 * the partial fingerprint (so a viewer matches a finding across exports), and triage as
 * {@code suppressions} (false_positive and resolved).
 */
public final class Sarif {
  private Sarif() {}

  static final Map<String, String> LEVEL = Map.of("critical", "error", "high", "error", "medium", "warning",
      "low", "note");

  public static ObjectNode log(List<Exported> findings, String productVersion) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    ObjectNode o = j.objectNode();
    o.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    o.put("version", "2.1.0");
    ObjectNode run = o.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "hindsight");
    driver.put("version", productVersion);
    driver.put("informationUri", "https://attack.mitre.org/");
    TreeSet<String> detectors = new TreeSet<>();
    findings.forEach(f -> detectors.addAll(f.detectors()));
    ArrayNode rules = driver.putArray("rules");
    List<String> ruleIds = List.copyOf(detectors);
    for (String d : ruleIds) {
      ObjectNode rule = rules.addObject();
      rule.put("id", d);
      rule.put("name", d);
      rule.putObject("shortDescription").put("text", "hindsight detector " + d);
      ArrayNode tags = rule.putObject("properties").putArray("tags");
      for (String id : Attack.of(d)) {
        tags.add("external/mitre/attack/" + id);
      }
    }
    ArrayNode results = run.putArray("results");
    for (Exported f : findings) {
      ObjectNode r = results.addObject();
      r.put("ruleId", f.topDetector());
      int index = ruleIds.indexOf(f.topDetector());
      if (index >= 0) {
        r.put("ruleIndex", index);
      }
      r.put("level", LEVEL.getOrDefault(f.severity(), "note"));
      r.putObject("message").put("text", f.summary());
      ObjectNode loc = r.putArray("locations").addObject();
      ObjectNode logical = loc.putArray("logicalLocations").addObject();
      logical.put("name", f.credentialId());
      logical.put("fullyQualifiedName", (f.accountId() == null ? "" : f.accountId() + "/") + f.credentialId());
      logical.put("kind", "credential");
      r.putObject("partialFingerprints").put("hindsightFindingId/v1", f.findingId());
      if ("false_positive".equals(f.status()) || "resolved".equals(f.status())) {
        ObjectNode s = r.putArray("suppressions").addObject();
        s.put("kind", "external");
        s.put("status", "accepted");
        s.put("justification", f.status() + (f.statusNote() == null ? "" : ": " + f.statusNote()));
      }
      ObjectNode p = r.putObject("properties");
      p.put("score", Double.parseDouble(String.format(Locale.ROOT, "%.1f", f.score())));
      p.put("severity", f.severity());
      p.put("firstSeen", f.firstSeen().toString());
      p.put("lastSeen", f.lastSeen().toString());
      p.put("status", f.status());
      ArrayNode tags = p.putArray("tags");
      f.attackTechniques().forEach(t -> tags.add("external/mitre/attack/" + t));
      ArrayNode ds = p.putArray("detectors");
      f.detectors().forEach(ds::add);
    }
    return o;
  }
}
