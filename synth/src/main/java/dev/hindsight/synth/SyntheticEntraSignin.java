package dev.hindsight.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.JsonRecordsParser;
import dev.hindsight.ingest.azure.EntraSigninSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Entra ID sign-in logs as the diagnostic export writes them to a storage account:
 * {@code insights-logs-signinlogs/} and {@code insights-logs-serviceprincipalsigninlogs/}, then
 * {@code tenantId=<T>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json}.
 *
 * <p>Background: three users signing in to the Azure portal and Office apps in working hours from their home
 * ISPs (with MFA, now and then a mistyped password), and two service principals (the deployment pipeline and a
 * reporting app) signing in with their client secrets from their usual hosts. Incident: the reporting app's
 * client id sprayed from a VPN exit in another country: a burst of failed sign-ins (invalid client secret),
 * then successful ones. Confounder: a user who changes home ISP within the same country (an ISP the company
 * already sees for another employee).
 */
final class SyntheticEntraSignin extends SyntheticCloudAudit {
  static final String TENANT = SyntheticAzureActivity.TENANT;
  static final String REPORTING_APP = "6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a";
  static final String CAROL = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f";

  @Override
  public String source() {
    return EntraSigninSource.NAME;
  }

  @Override
  String inputFolder() {
    return "entra";
  }

  @Override
  JsonRecordsParser.RecordMapper mapper() {
    return new EntraSigninSource.Mapper();
  }

  record User(String name, String id, Actor actor) {}

  @Override
  void build(Spec spec, Rng rng) {
    List<User> users = List.of(
        new User("alice", SyntheticAzureActivity.ALICE, new Actor("alice", 0.2, 7, 17, ips(rng, World.DE_TELEKOM, 2), 0.05)),
        new User("bruno", SyntheticAzureActivity.BRUNO, new Actor("bruno", 0.2, 8, 18, ips(rng, World.GB_BT, 2), 0.05)),
        new User("carol", CAROL, new Actor("carol", 0.2, 7, 16, ips(rng, World.DE_VODAFONE, 2), 0.05)));
    Actor deploy = new Actor("deploy", 0.25, 6, 18, ips(rng, World.OFFICE_NEW_YORK, 3), 0.1);
    Actor reporting = new Actor("reporting", 0.15, 5, 7, ips(rng, World.OFFICE_NEW_YORK, 1), 1.0);
    List<String> aliceNewIsp = ips(rng, World.DE_VODAFONE, 2);
    int incident = incidentDay(spec, 6);
    int moved = incidentDay(spec, 1);
    Label inc = new Label("entra-sp-spray", "service_principal_signin_burst", true)
        .credential("azure:" + TENANT + "/" + REPORTING_APP, null, REPORTING_APP, TENANT);
    inc.description = "The reporting app's client id sprayed from a VPN exit abroad: failed client-secret"
        + " sign-ins, then successful ones";
    Label conf = new Label("entra-new-home-isp", "user_new_isp_same_country", false)
        .credential("azure:" + TENANT + "/" + SyntheticAzureActivity.ALICE, null, "alice@shop.example", TENANT);
    conf.description = "alice signs in from a new home ISP in her country, one the company already sees";
    for (int d = 0; d < spec.days(); d++) {
      Rng day = Rng.of(spec.seed(), source(), "day", d);
      for (User u : users) {
        boolean newIsp = u.name().equals("alice") && d >= moved;
        for (int i = count(spec, d, u.actor(), day); i > 0; i--) {
          boolean fail = day.chance(0.04);
          Rec r = userSignIn(timeIn(spec, d, u.actor(), day), day, u,
              day.pick(newIsp ? aliceNewIsp : u.actor().ips), fail);
          if (newIsp && d < moved + 3) {
            label(conf, r);
          }
        }
      }
      for (int i = count(spec, d, deploy, day); i > 0; i--) {
        spSignIn(timeIn(spec, d, deploy, day), day, SyntheticAzureActivity.DEPLOY_APP, "deploy-pipeline",
            day.pick(deploy.ips), 0);
      }
      for (int i = count(spec, d, reporting, day); i > 0; i--) {
        spSignIn(timeIn(spec, d, reporting, day), day, REPORTING_APP, "reporting-app", reporting.ips.get(0), 0);
      }
      if (d == incident) {
        Rng a = Rng.of(spec.seed(), source(), "incident");
        long t = at(spec, d, 2 * 3600L + a.nextInt(600));
        for (int i = 0; i < 30; i++) {
          label(inc, spSignIn(t += 3 + a.nextInt(10), a, REPORTING_APP, "reporting-app", a.ipIn(World.VPN_M247),
              7000215));
        }
        for (int i = 0; i < 4; i++) {
          label(inc, spSignIn(t += 30 + a.nextInt(60), a, REPORTING_APP, "reporting-app", a.ipIn(World.VPN_M247), 0));
        }
      }
    }
    incidents.add(inc);
    confounders.add(conf);
  }

  private Rec userSignIn(long time, Rng rng, User u, String ip, boolean fail) {
    ObjectNode p = obj();
    String id = rng.uuid();
    p.put("id", id);
    p.put("createdDateTime", Json.iso(time));
    p.put("userDisplayName", u.name().substring(0, 1).toUpperCase(Locale.ROOT) + u.name().substring(1));
    p.put("userPrincipalName", u.name() + "@shop.example");
    p.put("userId", u.id());
    String[][] apps = {{"c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal", "Windows Azure Service Management API"},
        {"4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome", "Office 365 Exchange Online"}};
    String[] app = rng.pick(apps);
    p.put("appId", app[0]);
    p.put("appDisplayName", app[1]);
    p.put("resourceDisplayName", app[2]);
    p.put("ipAddress", ip);
    p.put("clientAppUsed", "Browser");
    p.put("userAgent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
        + " Safari/537.36");
    p.put("isInteractive", true);
    p.put("userType", "Member");
    p.put("authenticationRequirement", "multiFactorAuthentication");
    p.put("conditionalAccessStatus", fail ? "notApplied" : "success");
    ObjectNode status = p.putObject("status");
    status.put("errorCode", fail ? 50126 : 0);
    if (fail) {
      status.put("failureReason", "Invalid username or password or Invalid on-premise username or password.");
    }
    if (!fail) {
      ObjectNode mfa = p.putObject("mfaDetail");
      mfa.put("authMethod", "Mobile app notification");
    }
    return envelope(time, rng, "SignInLogs", "insights-logs-signinlogs", ip, fail ? "50126" : "0", p);
  }

  private Rec spSignIn(long time, Rng rng, String appId, String name, String ip, int error) {
    ObjectNode p = obj();
    p.put("id", rng.uuid());
    p.put("createdDateTime", Json.iso(time));
    p.put("appId", appId);
    p.put("appDisplayName", name);
    p.put("servicePrincipalId", "sp-" + appId.substring(0, 8));
    p.put("servicePrincipalName", name);
    p.put("resourceDisplayName", "Windows Azure Service Management API");
    p.put("ipAddress", ip);
    p.put("clientCredentialType", "clientSecret");
    p.put("isInteractive", false);
    ObjectNode status = p.putObject("status");
    status.put("errorCode", error);
    if (error != 0) {
      status.put("failureReason", "Invalid client secret provided. Ensure the secret being sent in the request is"
          + " the client secret value, not the client secret ID.");
    }
    return envelope(time, rng, "ServicePrincipalSignInLogs", "insights-logs-serviceprincipalsigninlogs", ip,
        String.valueOf(error), p);
  }

  private Rec envelope(long time, Rng rng, String category, String container, String ip, String resultType,
      ObjectNode props) {
    ObjectNode r = obj();
    r.put("time", azureTime(time, rng));
    r.put("resourceId", "/tenants/" + TENANT + "/providers/Microsoft.aadiam");
    r.put("operationName", "Sign-in activity");
    r.put("operationVersion", "1.0");
    r.put("category", category);
    r.put("tenantId", TENANT);
    r.put("resultType", resultType);
    r.put("resultSignature", "None");
    r.put("durationMs", 0);
    r.put("callerIpAddress", ip);
    r.put("correlationId", rng.uuid());
    r.put("Level", 4);
    r.set("properties", props);
    LocalDate day = day(time);
    int hour = (int) (Math.floorMod(time, 86400L) / 3600);
    String file = String.format(Locale.ROOT, "%s/tenantId=%s/y=%04d/m=%02d/d=%02d/h=%02d/m=00/PT1H.json", container,
        TENANT, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), hour);
    return add(time, file, r);
  }
}
