package dev.hindsight.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.score.Attack;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AWS Security Finding Format (SchemaVersion 2018-10-08), in the shape of Security Hub's BatchImportFindings
 * request: {@code {"Findings": [...]}} with at most 100 findings per request (the API's limit), one request per
 * line. Findings are imported as a custom product of the importing account:
 * {@code ProductArn = arn:aws:securityhub:<region>:<account>:product/<account>/default}; {@code GeneratorId} is
 * {@code hindsight/<strongest detector>}. Validated in the tests against botocore's Security Hub service model
 * (required members, types, lengths) and the ASFF rules its model does not carry (Types taxonomy, Severity
 * labels, Title and Description lengths).
 */
public final class Asff {
  private Asff() {}

  public static final String SCHEMA_VERSION = "2018-10-08";
  public static final int MAX_PER_REQUEST = 100;

  static final Map<String, String> LABEL = Map.of("low", "LOW", "medium", "MEDIUM", "high", "HIGH", "critical",
      "CRITICAL");
  static final Map<String, String> WORKFLOW = Map.of("open", "NEW", "reopened", "NEW", "acknowledged", "NOTIFIED",
      "false_positive", "SUPPRESSED", "resolved", "RESOLVED");
  /** ATT&CK tactic (as Attack spells it) -> ASFF's TTPs category. */
  static final Map<String, String> TTP = Map.ofEntries(Map.entry("initial-access", "Initial Access"),
      Map.entry("execution", "Execution"), Map.entry("persistence", "Persistence"),
      Map.entry("privilege-escalation", "Privilege Escalation"), Map.entry("defense-evasion", "Defense Evasion"),
      Map.entry("credential-access", "Credential Access"), Map.entry("discovery", "Discovery"),
      Map.entry("lateral-movement", "Lateral Movement"), Map.entry("collection", "Collection"),
      Map.entry("command-and-control", "Command and Control"), Map.entry("exfiltration", "Data Exfiltration"),
      Map.entry("impact", "Effects"));

  /** ASFF resource types by credential type; anything else is Other. */
  static final Map<String, String> RESOURCE = Map.of("iam_user", "AwsIamUser", "access_key", "AwsIamAccessKey",
      "assumed_role", "AwsIamRole", "role", "AwsIamRole", "root", "AwsAccount");

  public static ObjectNode finding(Exported f, String importAccount, String importRegion, String productVersion) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    ObjectNode o = j.objectNode();
    String account = f.accountId() != null && f.accountId().matches("\\d{12}") ? f.accountId() : importAccount;
    String first = f.firstSeen().atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    String last = f.lastSeen().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1).toString();
    o.put("SchemaVersion", SCHEMA_VERSION);
    o.put("Id", "hindsight/" + f.findingId());
    o.put("ProductArn", "arn:aws:securityhub:" + importRegion + ":" + importAccount + ":product/" + importAccount
        + "/default");
    o.put("ProductName", "hindsight");
    o.put("CompanyName", "hindsight");
    o.put("GeneratorId", "hindsight/" + f.topDetector());
    o.put("AwsAccountId", account);
    ArrayNode types = o.putArray("Types");
    for (String t : types(f)) {
      types.add(t);
    }
    o.put("FirstObservedAt", first);
    o.put("LastObservedAt", last);
    o.put("CreatedAt", first);
    o.put("UpdatedAt", last);
    ObjectNode sev = o.putObject("Severity");
    sev.put("Label", LABEL.getOrDefault(f.severity(), "INFORMATIONAL"));
    sev.put("Original", String.format(Locale.ROOT, "%.1f", f.score()));
    o.put("Title", truncate(f.title(), 256));
    o.put("Description", truncate(f.summary(), 1024));
    ArrayNode resources = o.putArray("Resources");
    ObjectNode r = resources.addObject();
    r.put("Type", RESOURCE.getOrDefault(f.credentialType(), "Other"));
    r.put("Id", f.credentialId());
    r.put("Partition", "aws");
    if (!f.regions().isEmpty() && f.regions().get(0) != null && f.regions().get(0).matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      r.put("Region", f.regions().get(0));
    }
    ObjectNode details = r.putObject("Details").putObject("Other");
    details.put("credential_type", String.valueOf(f.credentialType()));
    details.put("principal", String.valueOf(f.principal()));
    details.put("sources", String.join(",", f.sources()));
    details.put("regions", String.join(",", f.regions()));
    o.putObject("Workflow").put("Status", WORKFLOW.getOrDefault(f.status(), "NEW"));
    o.put("RecordState", "ACTIVE");
    ObjectNode fields = o.putObject("ProductFields");
    fields.put("hindsight/finding_id", f.findingId());
    fields.put("hindsight/score", String.format(Locale.ROOT, "%.1f", f.score()));
    fields.put("hindsight/detectors", String.join(",", f.detectors()));
    fields.put("hindsight/attack_techniques", String.join(",", f.attackTechniques()));
    fields.put("hindsight/days", Integer.toString(f.days()));
    fields.put("hindsight/config_version", f.configVersion());
    fields.put("hindsight/status", f.status());
    fields.put("hindsight/version", productVersion);
    if (!f.evidence().isEmpty()) {
      fields.put("hindsight/evidence_event_ids", truncate(String.join(",",
          f.evidence().stream().map(Exported.Evidence::eventId).toList()), 1024));
    }
    return o;
  }

  /**
   * ASFF {@code Types}: {@code TTPs/<category>/<technique id> <technique name>} per ATT&CK technique and tactic,
   * and {@code Unusual Behaviors/User/<detector>} per detector.
   */
  static Set<String> types(Exported f) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : f.attackTechniques()) {
      Attack.Technique t = Attack.technique(id);
      if (t == null) {
        continue;
      }
      for (String tactic : t.tactics()) {
        String category = TTP.get(tactic);
        if (category != null) {
          out.add((category.equals("Effects") ? "Effects/Resource Consumption/" : "TTPs/" + category + "/") + id
              + " " + t.name().replace('/', '-'));
        }
      }
    }
    for (String d : f.detectors()) {
      out.add("Unusual Behaviors/User/" + d);
    }
    return out;
  }

  private static String truncate(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
