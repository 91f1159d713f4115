package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The jobs module is the product: the synthetic generator (module hindsight-synth) is not on its classpath, so
 * neither is it in the cluster jar, and without it the CLI offers no generate or demo.
 */
class ProductOnlyTest {
  @Test
  void theGeneratorIsNotOnTheProductsClasspath() {
    assertThatThrownBy(() -> Class.forName("dev.hindsight.synth.Synthetics"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("dev.hindsight.cli.GenerateCommand"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void withoutItTheCliHasNoGenerateOrDemo() {
    assertThat(Hindsight.commandLine().getSubcommands()).doesNotContainKeys("generate", "demo").containsKey("help");
    CliRunner.Result generate = CliRunner.run("generate", "--out", "logs");
    assertThat(generate.code()).isEqualTo(Hindsight.USAGE);
    assertThat(generate.err()).contains("Unmatched argument").contains("'generate'");
  }
}
