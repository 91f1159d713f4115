package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.Configs;
import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NewOriginTest {
  private final NewOrigin d = new NewOrigin();

  private static FeaturesBuilder usual() {
    return FeaturesBuilder.row().asns(List.of("AS3320")).countries(List.of("DE"));
  }

  private static FeaturesBuilder fromHosting() {
    return usual().asns(List.of("AS14061")).countries(List.of("NL")).newAsns(1).newCountries(1)
        .newAccountAsns(1).newAccountCountries(1);
  }

  @Test
  void longTermKeyFromNeverSeenHostingAsnAndCountryIsStrong() {
    Optional<Signal> s = d.evaluate(ContextBuilder.of(fromHosting()).history(usual().history(30)).build());
    assertThat(s).isPresent();
    assertThat(s.get().score()).isEqualTo(90);
    assertThat(s.get().reason()).isEqualTo("came from a new ASN (AS14061) in a new country (NL)");
    assertThat(s.get().feature()).isEqualTo("new_asns");
    assertThat(d.needsGeo()).isTrue();
  }

  @Test
  void usualOriginIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(usual()).history(usual().history(30)).build())).isEmpty();
  }

  @Test
  void rowWithoutGeoIsNotJudged() {
    var noGeo = fromHosting().asns(List.of()).countries(List.of()).distinctAsns(0).distinctCountries(0);
    assertThat(d.evaluate(ContextBuilder.of(noGeo).build())).isEmpty();
  }

  @Test
  void originKnownToTheAccountIsWeakerThanOneNewToTheAccount() {
    var colleaguesIsp = fromHosting().newAccountAsns(0).newAccountCountries(0);
    double known = d.evaluate(ContextBuilder.of(colleaguesIsp).history(usual().history(30)).build()).get().score();
    assertThat(known).isLessThan(50).isGreaterThan(0);
  }

  @Test
  void sessionsAndRolesAreWeakerThanLongTermKeys() {
    var role = fromHosting().role("arn:aws:iam::482910375561:role/orders-api");
    double s = d.evaluate(ContextBuilder.of(role).history(usual().history(30)).build()).get().score();
    assertThat(s).isEqualTo(63);
  }

  @Test
  void allowListedAsnNeverCounts() {
    var vpn = fromHosting().asns(List.of("AS13335")).newCountries(0).newAccountCountries(0);
    var config = Configs.defaults().allowAsn("AS13335").build();
    assertThat(d.evaluate(ContextBuilder.of(vpn).config(config).build())).isEmpty();

    // Mixed: the allow-listed ASN is taken out of the count, the other one still counts.
    var mixed = fromHosting().asns(List.of("AS13335", "AS14061")).newAsns(2).newAccountAsns(2);
    Signal s = d.evaluate(ContextBuilder.of(mixed).config(config).history(usual().history(30)).build()).get();
    assertThat(s.value()).isEqualTo(2); // 1 ASN + 1 country
    assertThat(s.reason()).contains("a new ASN (AS14061)").doesNotContain("AS13335");
  }

  @Test
  void coldStartUsesTheAccountsNoveltyNotTheCredentials() {
    // A new employee: everything is new to the key, but the office ASN is known to the account.
    var newcomer = usual().daysActiveBefore(1).daysSinceLastActive(1).newAsns(1).newCountries(1);
    assertThat(d.evaluate(ContextBuilder.of(newcomer).build())).isEmpty();

    var stolenNewKey = newcomer.asns(List.of("AS9009")).countries(List.of("GB")).newAccountAsns(1);
    Signal s = d.evaluate(ContextBuilder.of(stolenNewKey).build()).get();
    assertThat(s.reason()).isEqualTo("came from an ASN new to the account (AS9009)");
    assertThat(s.feature()).isEqualTo("new_account_asns");
    assertThat(s.score()).isEqualTo(44);
  }

  @Test
  void anAccountWithoutHistoryIsNotJudgedOnAccountLevelNovelty() {
    // The lake's first day: every ASN, country and region is new to the account, for every credential.
    var firstDay = usual().daysActiveBefore(0).daysSinceLastActive(null).newAsns(1).newCountries(1)
        .newAccountAsns(1).newAccountCountries(1).newRegion(true).newAccountRegion(true)
        .accountNewRegionCredentials(19);
    assertThat(d.evaluate(ContextBuilder.of(firstDay).build())).isEmpty();
    assertThat(d.evaluate(ContextBuilder.of(firstDay.accountNewRegionCredentials(1)).build())).isPresent();
  }
}
