package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import org.junit.jupiter.api.Test;

class DormantReturnTest {
  private final DormantReturn d = new DormantReturn();

  @Test
  void aLongTermKeyBackAfterWeeksIsHigh() {
    Signal s = d.evaluate(ContextBuilder.of(FeaturesBuilder.row().daysActiveBefore(3).daysSinceLastActive(46))
        .build()).get();
    assertThat(s.score()).isBetween(70.0, 80.0);
    assertThat(s.reason()).isEqualTo("came back after 46 days unused");
  }

  @Test
  void otherCredentialsAreMedium() {
    double role = d.evaluate(ContextBuilder.of(FeaturesBuilder.row().role("arn:aws:iam::1:role/x")
        .daysSinceLastActive(46)).build()).get().score();
    assertThat(role).isBetween(40.0, 50.0);
  }

  @Test
  void recentOrNeverSeenIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row().daysSinceLastActive(3)).build())).isEmpty();
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row().daysSinceLastActive(null)).build())).isEmpty();
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row().daysSinceLastActive(46))
        .param("dormant_return.min_days", 60).build())).isEmpty();
  }
}
