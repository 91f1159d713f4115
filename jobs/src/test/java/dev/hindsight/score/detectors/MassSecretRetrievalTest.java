package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import org.junit.jupiter.api.Test;

class MassSecretRetrievalTest {
  private final MassSecretRetrieval d = new MassSecretRetrieval();

  private static FeaturesBuilder orders() {
    return FeaturesBuilder.row().role("arn:aws:iam::482910375561:role/orders-api").secretReads(1).distinctSecrets(1);
  }

  @Test
  void dozensOfSecretsFromARoleThatReadsOneIsHigh() {
    Signal s = d.evaluate(ContextBuilder.of(orders().secretReads(36).distinctSecrets(35))
        .history(orders().history(30)).build()).get();
    assertThat(s.score()).isGreaterThanOrEqualTo(90);
    assertThat(s.reason()).isEqualTo("read 35 distinct secrets (at most 1 before)");
  }

  @Test
  void fewSecretsAreQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(orders().distinctSecrets(5)).history(orders().history(30)).build()))
        .isEmpty();
  }

  @Test
  void aConfigLoaderThatAlwaysReadsManyIsQuiet() {
    var loader = orders().distinctSecrets(40);
    assertThat(d.evaluate(ContextBuilder.of(loader.distinctSecrets(45)).history(loader.history(30)).build()))
        .isEmpty();
  }
}
