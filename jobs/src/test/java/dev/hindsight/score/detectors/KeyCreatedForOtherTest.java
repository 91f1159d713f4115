package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.Configs;
import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCreatedForOtherTest {
  private final KeyCreatedForOther d = new KeyCreatedForOther();

  private static FeaturesBuilder farid() {
    return FeaturesBuilder.row().credentialId("AKIAFARID0000000001").region("us-east-1").keysCreatedForOthers(1)
        .credCreation(1).createdKeyIds(List.of("AKIAKATJANEW0000001"))
        .actions(List.of("iam.amazonaws.com:CreateAccessKey", "s3.amazonaws.com:ListBuckets"));
  }

  @Test
  void aKeyForAnotherUserIsHigh() {
    Signal s = d.evaluate(ContextBuilder.of(farid()).history(FeaturesBuilder.row().history(30)).build()).get();
    assertThat(s.score()).isEqualTo(80);
    assertThat(s.reason()).isEqualTo("created an access key for another user (AKIAKATJANEW0000001)");
  }

  @Test
  void noKeyForOthersIsQuiet() {
    // Rotating one's own key is not "for others".
    assertThat(d.evaluate(ContextBuilder.of(farid().keysCreatedForOthers(0).createdKeyIds(List.of())).build()))
        .isEmpty();
  }

  @Test
  void allowListedCredentialIsNotJudged() {
    var config = Configs.defaults().allowCredential("AKIAFARID0000000001").build();
    assertThat(d.evaluate(ContextBuilder.of(farid()).config(config).build())).isEmpty();
  }

  @Test
  void onboardingIsDamped() {
    List<String> actions = new ArrayList<>(farid().build().actions());
    actions.add("iam.amazonaws.com:CreateUser");
    Signal s = d.evaluate(ContextBuilder.of(farid().actions(actions).credCreation(2)).build()).get();
    assertThat(s.score()).isLessThanOrEqualTo(10);
    assertThat(s.reason()).contains("onboarding");
  }

  @Test
  void anAdminWhoProvisionsKeysIsDamped() {
    var history = FeaturesBuilder.row().history(30);
    history.set(10, FeaturesBuilder.from(history.get(10)).keysCreatedForOthers(1).build());
    Signal s = d.evaluate(ContextBuilder.of(farid()).history(history).build()).get();
    assertThat(s.score()).isEqualTo(30);
    assertThat(s.reason()).endsWith("(as on 1 earlier day)");
  }
}
