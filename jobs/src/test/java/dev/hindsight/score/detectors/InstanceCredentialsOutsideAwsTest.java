package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceCredentialsOutsideAwsTest {
  private final InstanceCredentialsOutsideAws d = new InstanceCredentialsOutsideAws();

  @Test
  void instanceCredentialsUsedOutsideAwsAreHigh() {
    var stolen = FeaturesBuilder.row().role("arn:aws:iam::1:role/web").instanceCredsOutsideAws(3)
        .countries(List.of("PL"));
    Signal s = d.evaluate(ContextBuilder.of(stolen).build()).get();
    assertThat(s.score()).isEqualTo(94);
    assertThat(s.reason()).isEqualTo("used instance-profile credentials from outside AWS (PL): 3 calls");
    assertThat(d.needsGeo()).isTrue();
  }

  @Test
  void quietWhenTheCredentialsStayInAws() {
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row().role("arn:aws:iam::1:role/web")).build()))
        .isEmpty();
  }

  @Test
  void aHybridSetupThatDoesItEveryDayIsDamped() {
    var hybrid = FeaturesBuilder.row().role("arn:aws:iam::1:role/onprem-proxy").instanceCredsOutsideAws(5);
    Signal s = d.evaluate(ContextBuilder.of(hybrid).history(hybrid.history(10)).build()).get();
    assertThat(s.score()).isEqualTo(30);
  }
}
