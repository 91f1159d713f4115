package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.Configs;
import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.Features;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpossibleTravelTest {
  private final ImpossibleTravel d = new ImpossibleTravel();

  private static FeaturesBuilder ines() {
    return FeaturesBuilder.row().credentialId("arn:aws:iam::730335216489:user/ines").credentialType("console_session")
        .asns(List.of("AS1136")).countries(List.of("NL"));
  }

  private static ContextBuilder twoPlaces(FeaturesBuilder home, double minutes) {
    Features here = home.countrySwitchMinutes(minutes).build();
    Features there = FeaturesBuilder.from(here).region("ap-southeast-1").asns(List.of("AS4773"))
        .countries(List.of("SG")).build();
    return ContextBuilder.of(here).allRegions(List.of(here, there)).history(ines().history(30));
  }

  @Test
  void twoCountriesMinutesApartIsStrong() {
    Signal s = d.evaluate(twoPlaces(ines(), 7).build()).get();
    assertThat(s.score()).isGreaterThan(85);
    assertThat(s.reason()).isEqualTo("switched countries (NL, SG) within 7 minutes");
    assertThat(s.feature()).isEqualTo("country_switch_minutes");
    assertThat(d.needsGeo()).isTrue();
  }

  @Test
  void oneCountryOrASlowSwitchIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(ines()).build())).isEmpty();
    assertThat(d.evaluate(twoPlaces(ines(), 180).build())).isEmpty();
  }

  @Test
  void allowListedAsnsOnlyAreNotJudged() {
    Features here = ines().asns(List.of("AS13335")).countrySwitchMinutes(3.0).build();
    Features there = FeaturesBuilder.from(here).region("us-east-1").countries(List.of("US")).build();
    var ctx = ContextBuilder.of(here).allRegions(List.of(here, there))
        .config(Configs.defaults().allowAsn("AS13335").build()).build();
    assertThat(d.evaluate(ctx)).isEmpty();
  }

  @Test
  void routineSwitchesAreDamped() {
    List<Features> history = ines().countries(List.of("NL", "SG")).countrySwitchMinutes(10.0).history(5);
    Signal s = d.evaluate(twoPlaces(ines(), 7).history(history).build()).get();
    assertThat(s.score()).isLessThanOrEqualTo(10);
    assertThat(s.reason()).contains("as on 5 earlier days");
  }

  @Test
  void roleSessionsAreWeakerAndAwsServicesAreNotJudged() {
    double role = d.evaluate(twoPlaces(ines().role("arn:aws:iam::1:role/x"), 7).build()).get().score();
    assertThat(role).isLessThan(60);
    assertThat(d.evaluate(twoPlaces(ines().credentialType("aws_service"), 7).build())).isEmpty();
  }
}
