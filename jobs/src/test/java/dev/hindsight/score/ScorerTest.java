package dev.hindsight.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.error.UsageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerTest {
  private static final String DANIEL = "AKIADANIEL000000001";

  /** daniel's key at night from a hosting ASN: switched trail selectors, stopped logging, deleted the trail. */
  private static FeaturesBuilder tampering() {
    return FeaturesBuilder.row().credentialId(DANIEL).region("us-east-1").loggingTamper(3)
        .actions(List.of("cloudtrail.amazonaws.com:DeleteTrail", "cloudtrail.amazonaws.com:PutEventSelectors",
            "cloudtrail.amazonaws.com:StopLogging", "sts.amazonaws.com:GetCallerIdentity"))
        .asns(List.of("AS215540")).countries(List.of("NL")).newAsns(1).newCountries(1).newAccountAsns(1)
        .newAccountCountries(1);
  }

  /** An ordinary day with a couple of never-used actions. */
  private static FeaturesBuilder rare() {
    return FeaturesBuilder.row().credentialId("AKIAGRETA0000000001").newActions(3);
  }

  private static Context ctx(FeaturesBuilder today, ScoringConfig config) {
    return ContextBuilder.of(today).history(FeaturesBuilder.row().history(30)).config(config).build();
  }

  private static Context ctx(FeaturesBuilder today) {
    return ctx(today, ScoringConfig.defaults());
  }

  @Test
  void tamperingFromANewOriginRanksFarAboveALoneRareAction() {
    Scorer scorer = new Scorer(ScoringConfig.defaults(), true);
    Scorer.ScoredDay bad = scorer.score(ctx(tampering()));
    Scorer.ScoredDay meh = scorer.score(ctx(rare()));
    assertThat(bad.signals()).extracting(Signal::detector).containsExactly("logging_tampering", "new_origin");
    assertThat(bad.score()).isGreaterThan(99).isLessThanOrEqualTo(100);
    assertThat(meh.signals()).extracting(Signal::detector).containsExactly("rare_actions");
    assertThat(meh.score()).isLessThan(ScoringConfig.defaults().findingScore());
    assertThat(bad.score()).isGreaterThan(meh.score());
    assertThat(bad.coldStart()).isFalse();
    assertThat(bad.skipped()).isEmpty();
  }

  @Test
  void combinationIsAWeightedNoisyOr() {
    ScoringConfig c = ScoringConfig.defaults();
    List<Signal> two = List.of(new Signal("new_region", 1, null, 50, "x", "new_region"),
        new Signal("rare_actions", 1, null, 50, "y", "new_actions"));
    assertThat(Scorer.combine(two, c)).isEqualTo(75);
    assertThat(Scorer.combine(List.of(), c)).isZero();
    ScoringConfig heavy = Configs.defaults().weight("new_region", 2).build();
    assertThat(Scorer.combine(two, heavy)).isEqualTo(100);
    ScoringConfig light = Configs.defaults().weight("new_region", 0.5).build();
    assertThat(Scorer.combine(two, light)).isEqualTo(62.5);
  }

  @Test
  void signalsAreSortedStrongestFirst() {
    var many = tampering().privChange(1).actions(List.of("cloudtrail.amazonaws.com:StopLogging",
        "iam.amazonaws.com:AttachUserPolicy")).newActions(2);
    Scorer.ScoredDay day = new Scorer(ScoringConfig.defaults(), true).score(ctx(many));
    assertThat(day.signals()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(day.signals()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
  }

  @Test
  void suppressedPairsAreDroppedAndListed() {
    ScoringConfig c = Configs.defaults().suppress("logging_tampering", DANIEL, "trail migration, ticket OPS-12")
        .build();
    Scorer.ScoredDay day = new Scorer(c, true).score(ctx(tampering(), c));
    assertThat(day.signals()).extracting(Signal::detector).containsExactly("new_origin");
    assertThat(day.skipped()).contains("logging_tampering: suppressed (trail migration, ticket OPS-12)");

    // Only that credential.
    Scorer.ScoredDay other = new Scorer(c, true).score(ctx(tampering().credentialId("AKIAOTHER0000000001"), c));
    assertThat(other.signals()).extracting(Signal::detector).contains("logging_tampering");

    // "*" mutes every detector for the credential.
    ScoringConfig all = Configs.defaults().suppress("*", DANIEL, "honeypot key").build();
    Scorer.ScoredDay none = new Scorer(all, true).score(ctx(tampering(), all));
    assertThat(none.signals()).isEmpty();
    assertThat(none.score()).isZero();
  }

  @Test
  void allowListedCredentialsAndAccountsScoreZero() {
    ScoringConfig byCredential = Configs.defaults().allowCredential(DANIEL).build();
    Scorer.ScoredDay a = new Scorer(byCredential, true).score(ctx(tampering(), byCredential));
    assertThat(a.score()).isZero();
    assertThat(a.signals()).isEmpty();
    assertThat(a.skipped()).containsExactly("all detectors: allow-listed credential");

    ScoringConfig byAccount = Configs.defaults().allowAccount("482910375561").build();
    Scorer.ScoredDay b = new Scorer(byAccount, true).score(ctx(tampering(), byAccount));
    assertThat(b.score()).isZero();
    assertThat(b.skipped()).containsExactly("all detectors: allow-listed account");
  }

  @Test
  void geoDetectorsAreSkippedWithoutGeo() {
    Scorer.ScoredDay day = new Scorer(ScoringConfig.defaults(), false).score(ctx(tampering()));
    assertThat(day.signals()).extracting(Signal::detector).containsExactly("logging_tampering");
    assertThat(day.skipped()).containsExactly("new_origin: needs GeoIP", "impossible_travel: needs GeoIP",
        "instance_credentials_outside_aws: needs GeoIP");
  }

  @Test
  void disabledAndZeroWeightDetectorsContributeNothing() {
    ScoringConfig c = Configs.defaults().disable("new_origin").weight("logging_tampering", 0).build();
    Scorer.ScoredDay day = new Scorer(c, true).score(ctx(tampering(), c));
    assertThat(day.signals()).isEmpty();
    assertThat(day.score()).isZero();
    assertThat(day.skipped()).containsExactly("new_origin: disabled");
  }

  @Test
  void theScorersConfigIsTheOneDetectorsSee() {
    ScoringConfig strict = Configs.defaults().param("rare_actions.min_new", 10).build();
    Scorer.ScoredDay day = new Scorer(strict, true).score(ctx(rare())); // the context carries the defaults
    assertThat(day.signals()).isEmpty();
  }

  @Test
  void coldStartIsReported() {
    var fresh = FeaturesBuilder.row().daysActiveBefore(2);
    assertThat(new Scorer(ScoringConfig.defaults(), true).score(ContextBuilder.of(fresh).build()).coldStart())
        .isTrue();
  }

  @Test
  void unknownDetectorsAndParametersInTheConfigAreRefused() {
    assertThatThrownBy(() -> new Scorer(Configs.defaults().param("region_sweep.min_region", 5).build(), true))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("Cannot use scoring config: unknown parameter 'region_sweep.min_region'")
        .hasMessageContaining("region_sweep.min_regions");
    assertThatThrownBy(() -> new Scorer(Configs.defaults().weight("new_orign", 2).build(), true))
        .hasMessageContaining("unknown detector 'new_orign' in weights");
    assertThatThrownBy(() -> new Scorer(Configs.defaults().disable("llmjacking").build(), true))
        .hasMessageContaining("unknown detector 'llmjacking' in disabled");
    assertThatThrownBy(() -> new Scorer(Configs.defaults().suppress("nope", "AKIA1", "x").build(), true))
        .hasMessageContaining("unknown detector 'nope' in suppressions");
  }

  @Test
  void configLoadRefusesUnknownKeysWithAClearMessage(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("scoring.json");
    Files.writeString(f, "{\"baseline_days\": 35, \"finding_scor\": 60}");
    assertThatThrownBy(() -> ScoringConfig.load(f))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown key 'finding_scor'")
        .hasMessageContaining("finding_score");
  }

  @Test
  void configLoadReadsWhatTheScorerUses(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("scoring.json");
    Files.writeString(f, """
        {"finding_score": 60,
         "weights": {"rare_actions": 0.5},
         "params": {"region_sweep.min_regions": 6, "volume_spike.min_ratio": 8},
         "allow_asns": ["AS13335"],
         "suppressions": [{"detector": "new_region", "credential_id": "arn:aws:iam::1:role/deploy", "reason": "multi-region"}]}
        """);
    ScoringConfig c = ScoringConfig.load(f);
    assertThat(c.findingScore()).isEqualTo(60);
    assertThat(c.param("region_sweep.min_regions", 4)).isEqualTo(6);
    assertThat(new Scorer(c, true).config()).isSameAs(c);
  }

  @Test
  void detectorsComeInAFixedOrderWithDeclaredParameters() {
    assertThat(Detectors.names()).containsExactly("new_origin", "new_region", "region_sweep", "impossible_travel",
        "volume_spike", "error_burst", "rare_actions", "key_created_for_other", "new_key_used", "privilege_change",
        "mass_secret_retrieval", "logging_tampering", "dormant_return", "model_abuse",
        "instance_credentials_outside_aws");
    Map<String, Double> params = Detectors.parameters();
    assertThat(params).containsEntry("new_region.rollout_credentials", 3.0)
        .containsEntry("region_sweep.min_regions", 4.0)
        .containsEntry("impossible_travel.max_minutes", 120.0)
        .containsEntry("volume_spike.min_ratio", 5.0)
        .containsEntry("volume_spike.min_z", 6.0)
        .containsEntry("error_burst.min_denied", 20.0)
        .containsEntry("error_burst.min_ratio", 0.2)
        .containsEntry("mass_secret_retrieval.min_secrets", 10.0)
        .containsEntry("dormant_return.min_days", 30.0)
        .containsEntry("model_abuse.min_invocations", 20.0);
    for (String key : params.keySet()) {
      assertThat(Detectors.names()).contains(key.substring(0, key.indexOf('.')));
    }
    assertThat(Detectors.all().stream().filter(Detector::needsGeo).map(Detector::name))
        .containsExactly("new_origin", "impossible_travel", "instance_credentials_outside_aws");
  }

  @Test
  void theScorerTravelsToSparkExecutors() throws Exception {
    Scorer scorer = new Scorer(Configs.defaults().allowAsn("AS13335").build(), true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(scorer);
    }
    Scorer copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Scorer) in.readObject();
    }
    Context c = ctx(tampering(), copy.config());
    assertThat(copy.score(c)).isEqualTo(scorer.score(c));
  }
}
