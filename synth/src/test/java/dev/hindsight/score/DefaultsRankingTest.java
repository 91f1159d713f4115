package dev.hindsight.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The defaults against hand-made feature rows shaped like the synthetic generator's labelled incidents and
 * benign confounders (dev.hindsight.synth.Scenarios): every incident reaches the default finding score, no
 * confounder does. Each case is a credential-day: its rows (one per region) are scored and the highest row
 * counts, as the publish job rolls rows up.
 */
class DefaultsRankingTest {
  private static final LocalDate DAY = LocalDate.of(2026, 2, 17);
  private static final String PROD = "482910375561";
  private static final List<String> ALL_REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
      "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
      "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2");
  private static final List<String> PROD_REGIONS = List.of("us-east-1", "eu-west-1", "eu-central-1", "us-west-2");

  /** One credential-day: today's rows, the credential's history, its peers. */
  private record Case(List<Features> today, List<Features> history, Context.PeerStats peers) {
    double score(Scorer scorer) {
      double best = 0;
      for (Features f : today) {
        best = Math.max(best, scorer.score(new Context(f, today, history, peers, scorer.config())).score());
      }
      return best;
    }
  }

  private static FeaturesBuilder human(String key) {
    return FeaturesBuilder.row().date(DAY).credentialId(key).accountId(PROD).events(55).discovery(30)
        .asns(List.of("AS3320")).countries(List.of("DE"));
  }

  private static FeaturesBuilder role(String name, String region) {
    return FeaturesBuilder.row().date(DAY).role("arn:aws:iam::" + PROD + ":role/" + name).accountId(PROD)
        .region(region).asns(List.of("AS14618")).countries(List.of("US")).accessDenied(0).failures(1)
        .discovery(2).distinctActions(7);
  }

  /** From a hosting or VPN address no one in the account ever used. */
  private static FeaturesBuilder foreign(FeaturesBuilder b, String asn, String country) {
    return b.asns(List.of(asn)).countries(List.of(country)).newIps(1).newAsns(1).newCountries(1).newAccountAsns(1)
        .newAccountCountries(1);
  }

  private static FeaturesBuilder noGeo(FeaturesBuilder b) {
    return b.asns(List.of()).countries(List.of()).distinctAsns(0).distinctCountries(0).newAsns(0).newCountries(0)
        .newAccountAsns(0).newAccountCountries(0).countrySwitchMinutes(null);
  }

  private static Case one(FeaturesBuilder today, List<Features> history) {
    return new Case(List.of(today.build()), history, new Context.PeerStats(8, 60, 1, 20, 0));
  }

  private static Map<String, Case> incidents(boolean geo) {
    Map<String, Case> m = new LinkedHashMap<>();
    List<Features> alice = human("AKIAALICE0000000001").history(30);

    List<Features> sweep = new ArrayList<>();
    for (String r : ALL_REGIONS) {
      FeaturesBuilder b = human("AKIAALICE0000000001").region(r).events(r.equals("us-east-1") ? 13 : 8)
          .accessDenied(r.equals("us-east-1") ? 4 : 1).discovery(8).newActions(4)
          .newRegion(!r.equals("eu-west-1") && !r.equals("us-east-1")).newAccountRegion(!PROD_REGIONS.contains(r))
          .accountNewRegionCredentials(r.equals("eu-west-1") ? 0 : 1);
      sweep.add(geoOrNot(foreign(b, "AS48090", "NL"), geo).build());
    }
    m.put("leaked_access_key", new Case(sweep, alice, Context.PeerStats.NONE));

    m.put("access_key_created_for_other_user (creator)", one(human("AKIAFARID0000000001").region("us-east-1")
        .keysCreatedForOthers(1).credCreation(1).createdKeyIds(List.of("AKIAKATJANEW0000001"))
        .actions(List.of("iam.amazonaws.com:CreateAccessKey")), human("AKIAFARID0000000001").history(30)));
    m.put("access_key_created_for_other_user (new key)", one(geoOrNot(foreign(human("AKIAKATJANEW0000001")
        .daysActiveBefore(0).daysSinceLastActive(null).createdBy("AKIAFARID0000000001").events(26).accessDenied(4)
        .newActions(10).newRegion(true), "AS9009", "GB"), geo), List.of()));

    m.put("privilege_escalation", one(geoOrNot(foreign(human("AKIABRUNO0000000001").region("us-east-1"), "AS60729",
        "DE").newCountries(0).newAccountCountries(0).events(12).accessDenied(1).privChange(4).credCreation(3)
        .keysCreatedForOthers(1).newActions(8).actions(List.of("iam.amazonaws.com:AttachUserPolicy",
            "iam.amazonaws.com:CreateAccessKey", "iam.amazonaws.com:CreateLoginProfile",
            "iam.amazonaws.com:CreateUser", "iam.amazonaws.com:PutUserPolicy")), geo),
        human("AKIABRUNO0000000001").history(30)));

    m.put("secrets_mass_retrieval", one(geoOrNot(foreign(role("orders-api", "us-east-1").events(160).secretReads(38)
        .distinctSecrets(35).accessDenied(3), "AS50340", "RU"), geo),
        role("orders-api", "us-east-1").events(120).secretReads(1).distinctSecrets(1).history(35)));

    m.put("logging_tampering", one(geoOrNot(foreign(human("AKIADANIEL000000001").region("us-east-1").events(8)
        .loggingTamper(3).actions(List.of("cloudtrail.amazonaws.com:DeleteTrail",
            "cloudtrail.amazonaws.com:PutEventSelectors", "cloudtrail.amazonaws.com:StopLogging")), "AS43350", "NL"),
        geo), human("AKIADANIEL000000001").history(30)));

    List<Features> shipper = role("log-shipper", "eu-west-1").events(98).history(35);
    m.put("enumeration_burst", new Case(List.of(
        role("log-shipper", "eu-west-1").events(390).accessDenied(225).failures(226).distinctActions(50)
            .discovery(290).newActions(40).build(),
        role("log-shipper", "us-east-1").events(75).accessDenied(56).failures(56).distinctActions(35).discovery(75)
            .newActions(30).newRegion(true).accountNewRegionCredentials(1).build()),
        shipper, Context.PeerStats.NONE));

    m.put("dormant_credential", one(geoOrNot(foreign(human("AKIAREPORT000000001").daysActiveBefore(3)
        .daysSinceLastActive(50).events(20).accessDenied(5), "AS60068", "AT"), geo), List.of()));

    m.put("llmjacking", one(geoOrNot(foreign(human("AKIAELENA0000000001").region("us-west-2").events(210)
        .modelRecon(4).modelInvocations(200).reconThenInvoke(true).discovery(3).newActions(6).newRegion(true)
        .accountNewRegionCredentials(1), "AS48090", "NL"), geo), human("AKIAELENA0000000001").history(30)));

    if (geo) {
      FeaturesBuilder ines = human("arn:aws:iam::730335216489:user/ines").credentialType("console_session")
          .accountId("730335216489").asns(List.of("AS1136")).countries(List.of("NL"));
      Features home = FeaturesBuilder.from(ines.build()).countrySwitchMinutes(8.0).events(7).build();
      Features far = FeaturesBuilder.from(home).region("ap-southeast-1").asns(List.of("AS4773"))
          .countries(List.of("SG")).events(3).accessDenied(1).newRegion(true).newAccountRegion(true)
          .accountNewRegionCredentials(1).newAsns(1).newCountries(1).newAccountAsns(1).newAccountCountries(1).build();
      m.put("impossible_travel", new Case(List.of(home, far), ines.history(30), Context.PeerStats.NONE));
    }

    List<Features> media = new ArrayList<>();
    List<Features> mediaDays = role("media-processor", "us-east-1").history(35);
    for (int i = 0; i < mediaDays.size(); i++) {
      double w = 0.9 + 0.02 * (i % 10);
      media.add(FeaturesBuilder.from(mediaDays.get(i)).events(Math.round(284 * w)).dataReads(Math.round(140 * w))
          .build());
    }
    m.put("volume_spike", one(role("media-processor", "us-east-1").events(2934).dataReads(2790), media));
    return m;
  }

  private static Map<String, Case> confounders(boolean geo) {
    Map<String, Case> m = new LinkedHashMap<>();
    List<Features> billing = new ArrayList<>(role("billing-export", "us-east-1").events(44).dataReads(18)
        .history(35));
    billing.set(4, FeaturesBuilder.from(billing.get(4)).events(430).dataReads(175).build()); // 31 days earlier
    m.put("monthly_batch", one(role("billing-export", "us-east-1").events(440).dataReads(180), billing));

    List<Features> deployHistory = new ArrayList<>();
    for (Features f : role("deploy-pipeline", "us-east-1").events(30).history(30)) {
      deployHistory.add(f);
      deployHistory.add(FeaturesBuilder.from(f).region("eu-west-1").build());
    }
    m.put("region_rollout (alone in its account)", new Case(List.of(
        role("deploy-pipeline", "us-east-1").events(30).build(),
        role("deploy-pipeline", "eu-central-1").events(25).newRegion(true).newAccountRegion(true)
            .accountNewRegionCredentials(1).newActions(1).build()), deployHistory, Context.PeerStats.NONE));

    m.put("new_employee (new key)", one(geoOrNot(human("AKIAOLIVER000000001").daysActiveBefore(0)
        .daysSinceLastActive(null).createdBy("AKIAHUGO00000000001").events(35).newIps(1).newAsns(1).newCountries(1)
        .newActions(12).newRegion(true), geo), List.of()));
    m.put("new_employee (admin)", one(geoOrNot(human("AKIAHUGO00000000001").region("us-east-1").keysCreatedForOthers(1)
        .credCreation(2).privChange(1).newActions(3).createdKeyIds(List.of("AKIAOLIVER000000001"))
        .actions(List.of("iam.amazonaws.com:AddUserToGroup", "iam.amazonaws.com:CreateAccessKey",
            "iam.amazonaws.com:CreateUser", "iam.amazonaws.com:ListUsers")), geo),
        human("AKIAHUGO00000000001").history(30)));

    m.put("key_rotation (new key)", one(geoOrNot(human("AKIAGRETANEW0000001").daysActiveBefore(0)
        .daysSinceLastActive(null).events(4).newIps(1).newAsns(1).newCountries(1).newActions(4).newRegion(true), geo),
        List.of()));
    m.put("key_rotation (old key)", one(geoOrNot(human("AKIAGRETA0000000001").region("us-east-1").credCreation(1)
        .actions(List.of("iam.amazonaws.com:CreateAccessKey")), geo), human("AKIAGRETA0000000001").history(30)));

    m.put("ordinary developer day", one(geoOrNot(human("AKIAJONAS0000000001"), geo),
        human("AKIAJONAS0000000001").history(30)));
    return m;
  }

  private static FeaturesBuilder geoOrNot(FeaturesBuilder b, boolean geo) {
    return geo ? b : noGeo(b);
  }

  private static void check(boolean geo) {
    Scorer scorer = new Scorer(ScoringConfig.defaults(), geo);
    double finding = scorer.config().findingScore();
    Map<String, Double> scores = new LinkedHashMap<>();
    double lowestIncident = 100;
    for (Map.Entry<String, Case> e : incidents(geo).entrySet()) {
      double s = e.getValue().score(scorer);
      scores.put(e.getKey(), s);
      lowestIncident = Math.min(lowestIncident, s);
      assertThat(s).as("incident %s (geo %s): %s", e.getKey(), geo, scores).isGreaterThanOrEqualTo(finding);
    }
    for (Map.Entry<String, Case> e : confounders(geo).entrySet()) {
      double s = e.getValue().score(scorer);
      scores.put(e.getKey(), s);
      assertThat(s).as("confounder %s (geo %s): %s", e.getKey(), geo, scores).isLessThan(finding)
          .isLessThan(lowestIncident);
    }
  }

  @Test
  void withGeoEveryIncidentIsAFindingAndNoConfounderIs() {
    check(true);
  }

  @Test
  void withoutGeoTheSameHoldsExceptImpossibleTravelWhichNeedsGeo() {
    check(false);
  }
}
