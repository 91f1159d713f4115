package dev.hindsight.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.score.Attack;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * OCSF 1.3.0 Detection Finding (class 2004, category 2 Findings), one per finding. Validated in the tests against
 * the JSON Schema the OCSF 1.3.0 schema generates (jobs/src/test/python/test_exports.py).
 *
 * <p>Mapping: {@code finding_info.uid} is the finding id, {@code title} the strongest detector on the credential,
 * {@code desc} the summary, {@code types} the detectors, {@code attacks} the ATT&CK techniques with their
 * tactics, {@code analytic} the strongest detector, {@code first_seen_time}/{@code last_seen_time} the first
 * day's start and the last day's end (ms since the epoch, UTC); {@code time} is the last day's end.
 * {@code severity_id}: low 2, medium 3, high 4, critical 5. {@code status_id} from triage: open 1 New,
 * acknowledged 2 In Progress, false_positive 3 Suppressed, resolved 4 Resolved, reopened 1 New.
 * {@code resources} is the credential; {@code evidences} one per evidence event (actor, api, source endpoint);
 * {@code observables} the credential and the evidence's source IPs. hindsight's own numbers (score,
 * reasons, regions) go in {@code unmapped}.
 */
public final class Ocsf {
  private Ocsf() {}

  public static final String VERSION = "1.3.0";
  static final int CLASS_UID = 2004;
  static final int CATEGORY_UID = 2;
  static final int ACTIVITY_CREATE = 1;

  static final Map<String, Integer> SEVERITY_ID = Map.of("low", 2, "medium", 3, "high", 4, "critical", 5);
  static final Map<String, Integer> STATUS_ID = Map.of("open", 1, "acknowledged", 2, "false_positive", 3,
      "resolved", 4, "reopened", 1);
  static final Map<Integer, String> STATUS_NAME = Map.of(1, "New", 2, "In Progress", 3, "Suppressed", 4,
      "Resolved");
  static final Map<Integer, String> SEVERITY_NAME = Map.of(2, "Low", 3, "Medium", 4, "High", 5, "Critical");

  public static ObjectNode finding(Exported f, String productVersion) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    ObjectNode o = j.objectNode();
    long start = f.firstSeen().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long end = f.lastSeen().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
    int severityId = SEVERITY_ID.getOrDefault(f.severity(), 0);
    int statusId = STATUS_ID.getOrDefault(f.status(), 0);
    o.put("activity_id", ACTIVITY_CREATE);
    o.put("activity_name", "Create");
    o.put("category_uid", CATEGORY_UID);
    o.put("category_name", "Findings");
    o.put("class_uid", CLASS_UID);
    o.put("class_name", "Detection Finding");
    o.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
    o.put("type_name", "Detection Finding: Create");
    o.put("severity_id", severityId);
    o.put("severity", SEVERITY_NAME.getOrDefault(severityId, "Unknown"));
    o.put("status_id", statusId);
    o.put("status", STATUS_NAME.getOrDefault(statusId, "Unknown"));
    if (f.statusNote() != null) {
      o.put("comment", f.statusNote());
    }
    o.put("time", end);
    o.put("start_time", start);
    o.put("end_time", end);
    o.put("count", f.days());
    o.put("message", f.summary());
    o.put("risk_score", (int) Math.round(f.score()));

    ObjectNode meta = o.putObject("metadata");
    meta.put("version", VERSION);
    meta.put("uid", f.findingId());
    meta.put("log_name", "findings");
    ObjectNode product = meta.putObject("product");
    product.put("name", "hindsight");
    product.put("vendor_name", "hindsight");
    product.put("version", productVersion);
    meta.putArray("labels").add("config:" + f.configVersion());

    ObjectNode info = o.putObject("finding_info");
    info.put("uid", f.findingId());
    info.put("title", f.title());
    info.put("desc", f.summary());
    info.put("first_seen_time", start);
    info.put("last_seen_time", end);
    ArrayNode types = info.putArray("types");
    f.detectors().forEach(types::add);
    ArrayNode ds = info.putArray("data_sources");
    f.sources().forEach(ds::add);
    ObjectNode analytic = info.putObject("analytic");
    analytic.put("name", f.topDetector());
    analytic.put("uid", f.topDetector());
    analytic.put("type_id", 2);
    analytic.put("type", "Behavioral");
    analytic.put("category", "hindsight detector");
    ArrayNode attacks = info.putArray("attacks");
    for (String id : f.attackTechniques()) {
      Attack.Technique t = Attack.technique(id);
      ObjectNode a = attacks.addObject();
      a.put("version", "16");
      ObjectNode tech = a.putObject("technique");
      tech.put("uid", id);
      if (t != null) {
        tech.put("name", t.name());
        tech.put("src_url", t.url());
        ArrayNode tactics = a.putArray("tactics");
        for (String tactic : t.tactics()) {
          tactics.addObject().put("name", tactic);
        }
      }
    }

    ObjectNode resource = o.putArray("resources").addObject();
    resource.put("uid", f.credentialId());
    resource.put("type", f.credentialType() == null ? "credential" : f.credentialType());
    if (f.principal() != null) {
      resource.put("name", f.principal());
    }
    ObjectNode rdata = resource.putObject("data");
    if (f.accountId() != null) {
      rdata.put("account_id", f.accountId());
    }
    ArrayNode rr = rdata.putArray("regions");
    f.regions().forEach(rr::add);

    ArrayNode evidences = o.putArray("evidences");
    ArrayNode observables = o.putArray("observables");
    ObjectNode cred = observables.addObject();
    cred.put("name", "resources[0].uid");
    cred.put("type_id", 19);
    cred.put("type", "User Credential ID");
    cred.put("value", f.credentialId());
    java.util.Set<String> ips = new java.util.TreeSet<>();
    for (Exported.Evidence e : f.evidence()) {
      ObjectNode ev = evidences.addObject();
      ObjectNode user = ev.putObject("actor").putObject("user");
      user.put("credential_uid", f.credentialId());
      if (e.principal() != null) {
        user.put("name", e.principal());
      }
      if (f.accountId() != null) {
        user.putObject("account").put("uid", f.accountId());
      }
      if (e.action() != null) {
        ObjectNode api = ev.putObject("api");
        api.put("operation", e.action());
        if (e.service() != null) {
          api.putObject("service").put("name", e.service());
        }
        if (e.errorCode() != null) {
          api.putObject("response").put("error", e.errorCode());
        }
      }
      if (e.sourceIp() != null) {
        ev.putObject("src_endpoint").put("ip", e.sourceIp());
        ips.add(e.sourceIp());
      }
      ObjectNode data = ev.putObject("data");
      data.put("event_id", e.eventId());
      data.put("source", e.source());
      data.put("event_time", e.eventTime() == null ? null : e.eventTime().toString());
      data.put("outcome", e.outcome());
      data.put("region", e.region());
      if (e.userAgent() != null) {
        data.put("user_agent", e.userAgent());
      }
    }
    for (String ip : ips) {
      ObjectNode ob = observables.addObject();
      ob.put("name", "evidences.src_endpoint.ip");
      ob.put("type_id", 2);
      ob.put("type", "IP Address");
      ob.put("value", ip);
    }

    ObjectNode unmapped = o.putObject("unmapped");
    unmapped.put("score", f.score());
    unmapped.put("cold_start", f.coldStart());
    ArrayNode reasons = unmapped.putArray("reasons");
    for (Exported.Reason r : f.reasons()) {
      ObjectNode n = reasons.addObject();
      n.put("detector", r.detector());
      n.put("feature", r.feature());
      n.put("value", r.value());
      n.put("baseline", r.baseline());
      n.put("score", r.score());
      n.put("reason", r.reason());
    }
    return o;
  }
}
