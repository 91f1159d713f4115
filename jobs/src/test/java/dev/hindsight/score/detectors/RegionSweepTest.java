package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.Features;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionSweepTest {
  private static final List<String> ALL = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
      "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
      "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2");
  private final RegionSweep d = new RegionSweep();

  private static List<Features> day(List<String> regions) {
    List<Features> out = new ArrayList<>();
    for (String r : regions) {
      out.add(FeaturesBuilder.row().region(r).events(8).newRegion(!r.equals("eu-west-1")).build());
    }
    return out;
  }

  private Optional<Signal> sweep(List<String> regions, List<Features> history) {
    List<Features> today = day(regions);
    return d.evaluate(ContextBuilder.of(today.get(0)).allRegions(today).history(history).build());
  }

  @Test
  void sixteenRegionsInOneDayIsASweep() {
    Signal s = sweep(ALL, FeaturesBuilder.row().history(30)).get();
    assertThat(s.score()).isEqualTo(95);
    assertThat(s.value()).isEqualTo(16);
    assertThat(s.baseline()).isEqualTo(1.0);
    assertThat(s.reason()).isEqualTo("was active in 16 regions in one day, 15 never used (at most 1 a day before)");
  }

  @Test
  void fewRegionsAreQuiet() {
    assertThat(sweep(ALL.subList(0, 3), FeaturesBuilder.row().history(30))).isEmpty();
  }

  @Test
  void aCredentialThatAlwaysWorksInManyRegionsIsQuiet() {
    List<Features> history = new ArrayList<>();
    for (Features f : FeaturesBuilder.row().history(10)) {
      for (String r : ALL.subList(0, 6)) {
        history.add(FeaturesBuilder.from(f).region(r).build());
      }
    }
    assertThat(sweep(ALL.subList(0, 5), history)).isEmpty();
    assertThat(sweep(ALL.subList(0, 8), history)).isPresent();
  }

  @Test
  void minRegionsIsAParameter() {
    List<Features> today = day(ALL.subList(0, 5));
    var ctx = ContextBuilder.of(today.get(0)).allRegions(today).history(FeaturesBuilder.row().history(30))
        .param("region_sweep.min_regions", 6).build();
    assertThat(d.evaluate(ctx)).isEmpty();
  }
}
