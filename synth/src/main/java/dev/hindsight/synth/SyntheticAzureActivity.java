package dev.hindsight.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.JsonRecordsParser;
import dev.hindsight.ingest.azure.AzureActivitySource;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Azure Activity log as the diagnostic export writes it to a storage account:
 * {@code insights-activity-logs/resourceId=/SUBSCRIPTIONS/<SUB>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json}.
 *
 * <p>Background: a deployment pipeline service principal (weekday working hours, from its build agents), a
 * backup automation service principal (nightly), a function app's managed identity reading Key Vault secrets
 * around the clock, and two administrators (users) from their home ISPs. Incident: the deployment service
 * principal used from a hosting provider in another country, which lists resource groups, grants itself Owner
 * (role assignment), lists storage keys and reads a dozen Key Vault secrets. Confounder: the same pipeline
 * starts deploying to a new region (swedencentral) from its usual agents: a planned expansion.
 */
final class SyntheticAzureActivity extends SyntheticCloudAudit {
  static final String TENANT = "5d3c8a2e-7f41-4b9a-9e1d-2c6f0b8a4e17";
  static final String SUB_PROD = "8f2b6c1e-3a5d-4e7f-9b0c-1d2e3f4a5b6c";
  static final String SUB_DEV = "1a2b3c4d-5e6f-4a8b-9c0d-e1f2a3b4c5d6";
  static final String DEPLOY_APP = "0b6e3f9a-2c4d-4e1f-8a7b-5c9d1e3f2a4b";
  static final String BACKUP_APP = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
  static final String MI_APP = "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
  static final String ALICE = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
  static final String BRUNO = "2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a1b0";

  @Override
  public String source() {
    return AzureActivitySource.NAME;
  }

  @Override
  String inputFolder() {
    return "insights-activity-logs";
  }

  @Override
  JsonRecordsParser.RecordMapper mapper() {
    return new AzureActivitySource.Mapper();
  }

  static String credential(String id) {
    return "azure:" + TENANT + "/" + id;
  }

  @Override
  void build(Spec spec, Rng rng) {
    Actor deploy = new Actor("deploy", 0.35, 6, 18, ips(rng, World.OFFICE_NEW_YORK, 3), 0.1);
    Actor backup = new Actor("backup", 0.15, 1, 3, ips(rng, World.OFFICE_NEW_YORK, 2), 1.0);
    Actor mi = new Actor("mi", 0.25, 0, 24, List.of("10.20.4.7"), 1.0);
    Actor alice = new Actor("alice", 0.15, 7, 17, ips(rng, World.DE_TELEKOM, 2), 0.05);
    Actor bruno = new Actor("bruno", 0.10, 8, 18, ips(rng, World.GB_BT, 2), 0.05);
    int incident = incidentDay(spec, 3);
    int expansion = incidentDay(spec, 8);
    Label inc = new Label("azure-sp-takeover", "service_principal_from_new_origin", true)
        .credential(credential(DEPLOY_APP), null, DEPLOY_APP, SUB_PROD);
    inc.description = "The deployment service principal's secret used from a hosting provider abroad: role"
        + " assignment (Owner), storage keys listed, Key Vault secrets read";
    Label conf = new Label("azure-region-expansion", "planned_region_expansion", false)
        .credential(credential(DEPLOY_APP), null, DEPLOY_APP, SUB_PROD);
    conf.description = "The deployment pipeline starts deploying to swedencentral from its usual build agents";
    for (int d = 0; d < spec.days(); d++) {
      Rng day = Rng.of(spec.seed(), source(), "day", d);
      for (int i = count(spec, d, deploy, day); i > 0; i--) {
        String op = day.pick(new String[] {"Microsoft.Resources/deployments/write",
            "Microsoft.Web/sites/write", "Microsoft.Web/sites/read", "Microsoft.Resources/deployments/read",
            "Microsoft.Compute/virtualMachines/read"});
        boolean expanding = d >= expansion && d < expansion + 4 && day.chance(0.4);
        Rec r = record(spec, d, timeIn(spec, d, deploy, day), day, op, SUB_PROD,
            expanding ? "swedencentral" : "westeurope", day.pick(deploy.ips), appClaims(DEPLOY_APP, day), day
                .chance(0.02) ? "Failure" : "Success", "rg-shop");
        if (expanding) {
          label(conf, r);
        }
      }
      for (int i = count(spec, d, backup, day); i > 0; i--) {
        record(spec, d, timeIn(spec, d, backup, day), day, day.pick(new String[] {
            "Microsoft.RecoveryServices/vaults/backupJobs/read", "Microsoft.RecoveryServices/vaults/read",
            "Microsoft.Compute/snapshots/write"}), SUB_PROD, "westeurope", day.pick(backup.ips),
            appClaims(BACKUP_APP, day), "Success", "rg-backup");
      }
      for (int i = count(spec, d, mi, day); i > 0; i--) {
        ObjectNode claims = appClaims(MI_APP, day);
        claims.put("xms_mirid", "/subscriptions/" + SUB_PROD
            + "/resourcegroups/rg-orders/providers/Microsoft.Web/sites/func-orders");
        record(spec, d, timeIn(spec, d, mi, day), day, day.pick(new String[] {
            "Microsoft.KeyVault/vaults/secrets/read", "Microsoft.Storage/storageAccounts/read"}), SUB_PROD,
            "westeurope", mi.ips.get(0), claims, "Success", "rg-orders");
      }
      for (Actor u : List.of(alice, bruno)) {
        String oid = u == alice ? ALICE : BRUNO;
        for (int i = count(spec, d, u, day); i > 0; i--) {
          record(spec, d, timeIn(spec, d, u, day), day, day.pick(new String[] {
              "Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/read",
              "Microsoft.Network/networkSecurityGroups/read", "Microsoft.Storage/storageAccounts/read",
              "Microsoft.Compute/virtualMachines/deallocate/action"}), day.chance(0.7) ? SUB_PROD : SUB_DEV,
              day.chance(0.8) ? "westeurope" : "northeurope", day.pick(u.ips), userClaims(oid, u.name, day),
              day.chance(0.03) ? "Failure" : "Success", "rg-ops");
        }
      }
      if (d == incident) {
        Rng a = Rng.of(spec.seed(), source(), "incident");
        String ip = a.ipIn(World.HOSTING_45_155);
        long t = at(spec, d, 22 * 3600L + a.nextInt(1200));
        for (int i = 0; i < 3; i++) {
          label(inc, record(spec, d, t += 20 + a.nextInt(40), a, "Microsoft.Resources/subscriptions/resourceGroups/read",
              SUB_PROD, "westeurope", ip, appClaims(DEPLOY_APP, a), "Success", "rg-shop"));
        }
        label(inc, record(spec, d, t += 60, a, "Microsoft.Authorization/roleAssignments/write", SUB_PROD, "westeurope",
            ip, appClaims(DEPLOY_APP, a), "Success", null));
        label(inc, record(spec, d, t += 60, a, "Microsoft.Storage/storageAccounts/listKeys/action", SUB_PROD,
            "westeurope", ip, appClaims(DEPLOY_APP, a), "Success", "rg-data"));
        for (int i = 0; i < 12; i++) {
          label(inc, record(spec, d, t += 5 + a.nextInt(20), a, "Microsoft.KeyVault/vaults/secrets/read", SUB_PROD,
              "westeurope", ip, appClaims(DEPLOY_APP, a), "Success", "rg-secrets"));
        }
      }
    }
    incidents.add(inc);
    confounders.add(conf);
  }

  private static ObjectNode appClaims(String appId, Rng rng) {
    ObjectNode c = obj();
    c.put("aud", "https://management.core.windows.net/");
    c.put("iss", "https://sts.windows.net/" + TENANT + "/");
    c.put("appid", appId);
    c.put("appidacr", "1");
    c.put("idtyp", "app");
    c.put("http://schemas.microsoft.com/identity/claims/objectidentifier", rng.uuid());
    c.put("http://schemas.microsoft.com/identity/claims/tenantid", TENANT);
    return c;
  }

  private static ObjectNode userClaims(String oid, String name, Rng rng) {
    ObjectNode c = obj();
    c.put("aud", "https://management.core.windows.net/");
    c.put("appid", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"); // Azure CLI
    c.put("idtyp", "user");
    c.put("http://schemas.microsoft.com/identity/claims/objectidentifier", oid);
    c.put("http://schemas.microsoft.com/identity/claims/tenantid", TENANT);
    c.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", name + "@shop.example");
    c.put("http://schemas.microsoft.com/claims/authnmethodsreferences", "pwd,mfa");
    return c;
  }

  /** One Activity record in the diagnostic-export shape, into its subscription's hourly blob. */
  private Rec record(Spec spec, int d, long time, Rng rng, String op, String sub, String location, String ip,
      ObjectNode claims, String result, String resourceGroup) {
    String provider = op.substring(0, op.indexOf('/'));
    String type = op.substring(op.indexOf('/') + 1, op.lastIndexOf('/'));
    String rid = resourceGroup == null ? "/SUBSCRIPTIONS/" + sub.toUpperCase(Locale.ROOT)
        + "/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/" + rng.uuid().toUpperCase(Locale.ROOT)
        : ("/SUBSCRIPTIONS/" + sub + "/RESOURCEGROUPS/" + resourceGroup + "/PROVIDERS/" + provider + "/"
            + type.replace("/", "/x" + rng.nextInt(4) + "/") + "/r" + rng.nextInt(6)).toUpperCase(Locale.ROOT);
    ObjectNode r = obj();
    r.put("time", azureTime(time, rng));
    r.put("resourceId", rid);
    r.put("operationName", op.toUpperCase(Locale.ROOT));
    r.put("category", "Administrative");
    r.put("resultType", result);
    r.put("resultSignature", result.equals("Success") ? "Succeeded.OK" : "Failed.Forbidden");
    r.put("durationMs", String.valueOf(20 + rng.nextInt(900)));
    r.put("callerIpAddress", ip);
    r.put("correlationId", rng.uuid());
    ObjectNode identity = r.putObject("identity");
    ObjectNode auth = identity.putObject("authorization");
    auth.put("scope", rid.toLowerCase(Locale.ROOT));
    auth.put("action", op);
    identity.set("claims", claims);
    r.put("level", result.equals("Success") ? "Information" : "Error");
    r.put("location", location);
    ObjectNode props = r.putObject("properties");
    props.put("statusCode", result.equals("Success") ? "OK" : "Forbidden");
    props.put("serviceRequestId", rng.uuid());
    props.put("eventCategory", "Administrative");
    props.put("entity", rid);
    props.put("message", op);
    props.put("hierarchy", TENANT + "/" + sub);
    if (!result.equals("Success")) {
      props.put("statusMessage", "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not"
          + " have authorization to perform action '" + op + "'.\"}}");
    }
    LocalDate day = day(time);
    int hour = (int) (Math.floorMod(time, 86400L) / 3600);
    String file = String.format(Locale.ROOT, "resourceId=/SUBSCRIPTIONS/%s/y=%04d/m=%02d/d=%02d/h=%02d/m=00/PT1H.json",
        sub.toUpperCase(Locale.ROOT), day.getYear(), day.getMonthValue(), day.getDayOfMonth(), hour);
    return add(time, file, r);
  }
}
