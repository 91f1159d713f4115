package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.Configs;
import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewKeyUsedTest {
  private final NewKeyUsed d = new NewKeyUsed();

  private static FeaturesBuilder firstUse() {
    return FeaturesBuilder.row().credentialId("AKIAKATJANEW0000001").daysActiveBefore(0).daysSinceLastActive(null)
        .createdBy("AKIAFARID0000000001").events(25).accessDenied(0).newIps(1).newAsns(1).newCountries(1);
  }

  @Test
  void firstUseFromAnOriginNewToTheAccountIsHigh() {
    var vpn = firstUse().asns(List.of("AS9009")).countries(List.of("GB")).newAccountAsns(1).newAccountCountries(1);
    Signal s = d.evaluate(ContextBuilder.of(vpn).build()).get();
    assertThat(s.score()).isEqualTo(90);
    assertThat(s.reason()).isEqualTo(
        "was first used today, created by AKIAFARID0000000001 for another user, from an origin new to the account");
  }

  @Test
  void firstUseFromTheOfficeIsLow() {
    Signal s = d.evaluate(ContextBuilder.of(firstUse()).build()).get();
    assertThat(s.score()).isLessThan(50);
    // An allow-listed ASN does not make an origin new.
    var vpn = firstUse().asns(List.of("AS13335")).newAccountAsns(1);
    assertThat(d.evaluate(ContextBuilder.of(vpn).config(Configs.defaults().allowAsn("AS13335").build()).build())
        .get().score()).isLessThan(50);
  }

  @Test
  void withoutGeoItIsMediumUnlessTheKeyProbes() {
    var noGeo = firstUse().asns(List.of()).countries(List.of()).distinctAsns(0).distinctCountries(0);
    assertThat(d.evaluate(ContextBuilder.of(noGeo).build()).get().score()).isEqualTo(45);
    Signal probing = d.evaluate(ContextBuilder.of(noGeo.accessDenied(4)).build()).get();
    assertThat(probing.score()).isEqualTo(75);
    assertThat(probing.reason()).endsWith("and was denied 4 of 25 calls");
  }

  @Test
  void keysNotCreatedForSomeoneElseAreQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(firstUse().createdBy(null)).build())).isEmpty();
  }
}
