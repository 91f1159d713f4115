package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RareActionsTest {
  private final RareActions d = new RareActions();

  private static FeaturesBuilder usual() {
    return FeaturesBuilder.row().discovery(10);
  }

  @Test
  void newActionsOfAnEstablishedCredentialAreAModestSignal() {
    var today = usual().newActions(2).actions(List.of("ec2.amazonaws.com:DescribeInstances",
        "iam.amazonaws.com:CreateUser", "iam.amazonaws.com:ListUsers", "s3.amazonaws.com:ListBuckets",
        "sts.amazonaws.com:GetCallerIdentity"));
    Signal s = d.evaluate(ContextBuilder.of(today).history(usual().history(30)).build()).get();
    assertThat(s.score()).isEqualTo(14);
    assertThat(s.reason()).isEqualTo("used 2 never-used actions (iam:CreateUser, iam:ListUsers)");
  }

  @Test
  void withADiscoveryBurstItIsStrongerButStillModest() {
    var today = usual().newActions(12).discovery(140);
    Signal s = d.evaluate(ContextBuilder.of(today).history(usual().history(30)).build()).get();
    assertThat(s.score()).isEqualTo(45);
    assertThat(s.reason()).endsWith("amid 140 discovery calls (median 10 a day)");
  }

  @Test
  void aSingleNewActionIsEverydayLife() {
    assertThat(d.evaluate(ContextBuilder.of(usual().newActions(1)).history(usual().history(30)).build())).isEmpty();
    assertThat(d.evaluate(ContextBuilder.of(usual()).history(usual().history(30)).build())).isEmpty();
  }

  @Test
  void coldStartIsNotJudged() {
    var newcomer = usual().daysActiveBefore(3).newActions(15);
    assertThat(d.evaluate(ContextBuilder.of(newcomer).build())).isEmpty();
  }
}
