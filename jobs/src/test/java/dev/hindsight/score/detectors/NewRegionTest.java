package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import org.junit.jupiter.api.Test;

class NewRegionTest {
  private final NewRegion d = new NewRegion();

  @Test
  void regionNewToTheAccountIsStrongerThanNewToTheCredential() {
    var row = FeaturesBuilder.row().region("us-west-2").newRegion(true).accountNewRegionCredentials(1);
    Signal own = d.evaluate(ContextBuilder.of(row).build()).get();
    Signal account = d.evaluate(ContextBuilder.of(row.newAccountRegion(true)).build()).get();
    assertThat(own.reason()).isEqualTo("called never-used region us-west-2");
    assertThat(account.reason()).isEqualTo("called region us-west-2, never used in the account");
    assertThat(account.score()).isGreaterThan(own.score());
    assertThat(account.score()).isLessThan(50); // supporting evidence, not a finding on its own
  }

  @Test
  void usualRegionIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row()).build())).isEmpty();
  }

  @Test
  void rolloutOfSeveralCredentialsIsDampedToNearZero() {
    var deploy = FeaturesBuilder.row().role("arn:aws:iam::482910375561:role/deploy-pipeline").region("eu-central-1")
        .newRegion(true).newAccountRegion(true).accountNewRegionCredentials(3);
    Signal s = d.evaluate(ContextBuilder.of(deploy).build()).get();
    assertThat(s.score()).isLessThanOrEqualTo(5);
    assertThat(s.reason()).contains("rollout").contains("2 other credentials");

    Signal alone = d.evaluate(ContextBuilder.of(deploy.accountNewRegionCredentials(1)).build()).get();
    assertThat(alone.score()).isGreaterThan(20);
  }

  @Test
  void rolloutThresholdIsAParameter() {
    var deploy = FeaturesBuilder.row().region("eu-central-1").newRegion(true).accountNewRegionCredentials(3);
    Signal s = d.evaluate(ContextBuilder.of(deploy).param("new_region.rollout_credentials", 5).build()).get();
    assertThat(s.score()).isEqualTo(20);
  }

  @Test
  void coldStartCredentialIsOnlyJudgedOnRegionsNewToTheAccount() {
    var fresh = FeaturesBuilder.row().daysActiveBefore(0).daysSinceLastActive(null).newRegion(true);
    assertThat(d.evaluate(ContextBuilder.of(fresh).build())).isEmpty();
    assertThat(d.evaluate(ContextBuilder.of(fresh.newAccountRegion(true)).build())).isPresent();
  }
}
