package dev.hindsight.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.JsonRecordsParser;
import dev.hindsight.ingest.gcp.GcpAuditSource;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Cloud Audit Logs as a Cloud Logging sink writes them to Cloud Storage:
 * {@code cloudaudit.googleapis.com/{activity,data_access}/YYYY/MM/DD/HH:00:00_HH:59:59_S0.json}.
 *
 * <p>Background: a CI service account calling with its key (weekday working hours, from the CI hosts), a
 * billing-export service account running BigQuery jobs and reading its secret from inside GCP, and two engineers
 * from their home ISPs. Incident: the CI key used from a hosting provider to create a key for the billing-export
 * service account; that new key is then used from the same provider for SetIamPolicy and a burst of secret
 * reads. Confounder: the CI key starts deploying to us-central1 from its usual hosts (a planned expansion).
 */
final class SyntheticGcpAudit extends SyntheticCloudAudit {
  static final String PROJECT = "shop-prod-381204";
  static final String CI = "ci-deployer@" + PROJECT + ".iam.gserviceaccount.com";
  static final String BILLING = "billing-export@" + PROJECT + ".iam.gserviceaccount.com";
  static final String CI_KEY = "5b0c6f0e8d7a4c3b2a1f0e9d8c7b6a5f4e3d2c1b";
  static final String STOLEN_KEY = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";

  @Override
  public String source() {
    return GcpAuditSource.NAME;
  }

  @Override
  String inputFolder() {
    return "cloudaudit.googleapis.com";
  }

  @Override
  JsonRecordsParser.RecordMapper mapper() {
    return new GcpAuditSource.Mapper();
  }

  @Override
  void build(Spec spec, Rng rng) {
    Actor ci = new Actor("ci", 0.35, 6, 18, ips(rng, World.OFFICE_NEW_YORK, 3), 0.1);
    Actor billing = new Actor("billing", 0.25, 2, 5, java.util.List.of("10.128.0.12"), 1.0);
    Actor alice = new Actor("alice", 0.2, 7, 17, ips(rng, World.DE_TELEKOM, 2), 0.05);
    Actor bruno = new Actor("bruno", 0.2, 8, 18, ips(rng, World.GB_BT, 2), 0.05);
    int incident = incidentDay(spec, 9);
    int expansion = incidentDay(spec, 4);
    Label inc = new Label("gcp-key-for-other", "service_account_key_created_for_other", true)
        .credential("gcp:key/" + CI_KEY, CI_KEY, CI, PROJECT);
    inc.relatedCredentials.add("gcp:key/" + STOLEN_KEY);
    inc.description = "The CI key used from a hosting provider to create a key for billing-export, then that key"
        + " used from the same provider: SetIamPolicy and secret reads";
    Label conf = new Label("gcp-region-expansion", "planned_region_expansion", false)
        .credential("gcp:key/" + CI_KEY, CI_KEY, CI, PROJECT);
    conf.description = "The CI key starts deploying to us-central1 from its usual hosts";
    for (int d = 0; d < spec.days(); d++) {
      Rng day = Rng.of(spec.seed(), source(), "day", d);
      for (int i = count(spec, d, ci, day); i > 0; i--) {
        boolean expanding = d >= expansion && d < expansion + 4 && day.chance(0.4);
        String zone = expanding ? "us-central1-a" : day.chance(0.5) ? "europe-west1-b" : "europe-west1-c";
        String method = day.pick(new String[] {"v1.compute.instances.insert", "v1.compute.instances.setMetadata",
            "v1.compute.instances.delete", "v1.compute.disks.insert"});
        Rec r = entry(timeIn(spec, d, ci, day), day, "activity", CI, CI_KEY, day.pick(ci.ips),
            "google-cloud-sdk gcloud/460.0.0", "compute.googleapis.com", method,
            "projects/" + PROJECT + "/zones/" + zone + "/instances/ci-" + day.nextInt(20), "gce_instance", zone,
            day.chance(0.02) ? 7 : 0, null, null);
        if (expanding) {
          label(conf, r);
        }
      }
      for (int i = count(spec, d, billing, day); i > 0; i--) {
        boolean secret = day.chance(0.2);
        entry(timeIn(spec, d, billing, day), day, "data_access", BILLING, null, billing.ips.get(0),
            "google-api-go-client/0.5", secret ? "secretmanager.googleapis.com" : "bigquery.googleapis.com",
            secret ? "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion"
                : "google.cloud.bigquery.v2.JobService.InsertJob",
            secret ? "projects/" + PROJECT + "/secrets/billing-db-password/versions/latest"
                : "projects/" + PROJECT + "/jobs/job_" + day.hex(12), secret ? "audited_resource" : "bigquery_project",
            "europe-west1", 0, null, null);
      }
      for (Actor u : new Actor[] {alice, bruno}) {
        for (int i = count(spec, d, u, day); i > 0; i--) {
          String method = day.pick(new String[] {"v1.compute.instances.list", "storage.buckets.list",
              "v1.compute.instances.start", "v1.compute.instances.stop"});
          entry(timeIn(spec, d, u, day), day, method.endsWith("list") ? "data_access" : "activity",
              u.name + "@shop.example", null, day.pick(u.ips), "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0",
              method.startsWith("storage") ? "storage.googleapis.com" : "compute.googleapis.com", method,
              "projects/" + PROJECT + "/zones/europe-west1-b/instances/dev-" + u.name, "gce_instance",
              "europe-west1-b", day.chance(0.03) ? 7 : 0, null, null);
        }
      }
      if (d == incident) {
        Rng a = Rng.of(spec.seed(), source(), "incident");
        String ip = a.ipIn(World.HOSTING_5_188);
        long t = at(spec, d, 23 * 3600L + a.nextInt(600));
        label(inc, entry(t, a, "activity", CI, CI_KEY, ip, "python-requests/2.31", "iam.googleapis.com",
            "google.iam.admin.v1.ListServiceAccounts", "projects/" + PROJECT, "service_account", null, 0, null, null));
        ObjectNode request = obj();
        request.put("name", "projects/-/serviceAccounts/" + BILLING);
        request.put("private_key_type", 2);
        ObjectNode response = obj();
        response.put("name", "projects/" + PROJECT + "/serviceAccounts/" + BILLING + "/keys/" + STOLEN_KEY);
        response.put("privateKeyData", a.base64(120));
        response.put("valid_after_time", Json.iso(t));
        label(inc, entry(t += 40, a, "activity", CI, CI_KEY, ip, "python-requests/2.31", "iam.googleapis.com",
            "google.iam.admin.v1.CreateServiceAccountKey", "projects/-/serviceAccounts/" + BILLING,
            "service_account", null, 0, request, response));
        t += 300;
        label(inc, entry(t, a, "activity", BILLING, STOLEN_KEY, ip, "python-requests/2.31",
            "cloudresourcemanager.googleapis.com", "SetIamPolicy", "projects/" + PROJECT, "project", null, 0,
            null, null));
        for (int i = 0; i < 15; i++) {
          label(inc, entry(t += 5 + a.nextInt(15), a, "data_access", BILLING, STOLEN_KEY, ip, "python-requests/2.31",
              "secretmanager.googleapis.com", "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
              "projects/" + PROJECT + "/secrets/secret-" + i + "/versions/latest", "audited_resource", null, 0,
              null, null));
        }
      }
    }
    incidents.add(inc);
    confounders.add(conf);
  }

  /** One LogEntry with an AuditLog payload, into its log's hourly sink file. */
  private Rec entry(long time, Rng rng, String log, String email, String keyId, String ip, String ua,
      String service, String method, String resourceName, String resourceType, String location, int code,
      ObjectNode request, ObjectNode response) {
    ObjectNode e = obj();
    e.put("insertId", rng.alnum(12).toLowerCase(Locale.ROOT));
    e.put("logName", "projects/" + PROJECT + "/logs/cloudaudit.googleapis.com%2F" + log);
    ObjectNode pp = e.putObject("protoPayload");
    pp.put("@type", "type.googleapis.com/google.cloud.audit.AuditLog");
    ObjectNode auth = pp.putObject("authenticationInfo");
    auth.put("principalEmail", email);
    if (keyId != null) {
      auth.put("serviceAccountKeyName", "//iam.googleapis.com/projects/" + PROJECT + "/serviceAccounts/" + email
          + "/keys/" + keyId);
    }
    ObjectNode meta = pp.putObject("requestMetadata");
    meta.put("callerIp", ip);
    meta.put("callerSuppliedUserAgent", ua);
    pp.put("serviceName", service);
    pp.put("methodName", method);
    pp.put("resourceName", resourceName);
    if (code != 0) {
      ObjectNode status = pp.putObject("status");
      status.put("code", code);
      status.put("message", "Permission denied");
    }
    if (request != null) {
      pp.set("request", request);
    }
    if (response != null) {
      pp.set("response", response);
    }
    ObjectNode resource = e.putObject("resource");
    resource.put("type", resourceType);
    ObjectNode labels = resource.putObject("labels");
    labels.put("project_id", PROJECT);
    if (location != null) {
      labels.put(location.matches(".*-[a-z]$") ? "zone" : "location", location);
    }
    e.put("timestamp", Json.iso(time).replace("Z", "." + String.format(Locale.ROOT, "%06d", rng.nextInt(1_000_000))
        + "Z"));
    e.put("severity", code == 0 ? "NOTICE" : "ERROR");
    e.put("receiveTimestamp", Json.iso(time + 1));
    LocalDate day = day(time);
    int hour = (int) (Math.floorMod(time, 86400L) / 3600);
    String file = String.format(Locale.ROOT, "%s/%04d/%02d/%02d/%02d:00:00_%02d:59:59_S0.json", log, day.getYear(),
        day.getMonthValue(), day.getDayOfMonth(), hour, hour);
    return add(time, file, e);
  }
}
