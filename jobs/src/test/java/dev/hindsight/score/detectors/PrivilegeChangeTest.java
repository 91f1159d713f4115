package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.Features;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegeChangeTest {
  private final PrivilegeChange d = new PrivilegeChange();

  private static FeaturesBuilder bruno() {
    return FeaturesBuilder.row().region("us-east-1").privChange(4).actions(List.of(
        "iam.amazonaws.com:AttachUserPolicy", "iam.amazonaws.com:CreateAccessKey",
        "iam.amazonaws.com:CreateLoginProfile", "iam.amazonaws.com:CreateUser", "iam.amazonaws.com:PutUserPolicy",
        "sts.amazonaws.com:GetCallerIdentity"));
  }

  @Test
  void firstPrivilegeChangesAreHigh() {
    Signal s = d.evaluate(ContextBuilder.of(bruno()).history(FeaturesBuilder.row().history(30)).build()).get();
    assertThat(s.score()).isEqualTo(90);
    assertThat(s.reason()).isEqualTo(
        "changed privileges 4 times (AttachUserPolicy, CreateLoginProfile, PutUserPolicy), never before");
  }

  @Test
  void noChangeIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row()).build())).isEmpty();
  }

  @Test
  void routineIamWorkIsLow() {
    List<Features> history = FeaturesBuilder.row().privChange(2).history(30);
    Signal s = d.evaluate(ContextBuilder.of(bruno().privChange(3)).history(history).build()).get();
    assertThat(s.score()).isEqualTo(20);
    assertThat(s.reason()).contains("routine");
    // ... unless far more than usual.
    Signal surge = d.evaluate(ContextBuilder.of(bruno().privChange(40)).history(history).build()).get();
    assertThat(surge.score()).isGreaterThanOrEqualTo(60);
  }

  @Test
  void onboardingANewUserIsLow() {
    var hugo = FeaturesBuilder.row().region("us-east-1").privChange(1).actions(List.of(
        "iam.amazonaws.com:AddUserToGroup", "iam.amazonaws.com:CreateAccessKey", "iam.amazonaws.com:CreateUser",
        "iam.amazonaws.com:ListUsers"));
    Signal s = d.evaluate(ContextBuilder.of(hugo).history(FeaturesBuilder.row().history(30)).build()).get();
    assertThat(s.score()).isEqualTo(5);
    assertThat(s.reason()).contains("onboarding");
  }
}
