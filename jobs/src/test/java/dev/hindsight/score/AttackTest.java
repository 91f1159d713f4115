package dev.hindsight.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackTest {
  @Test
  void everyBuiltInDetectorStandsForKnownTechniques() {
    for (Detector d : Detectors.all()) {
      assertThat(d.attackTechniques()).as(d.name()).isNotEmpty().doesNotHaveDuplicates();
      for (String id : d.attackTechniques()) {
        assertThat(Attack.technique(id)).as(d.name() + " -> " + id + " is in the technique table").isNotNull();
      }
    }
    assertThat(Attack.detectors()).as("the table maps only built-in detectors")
        .containsExactlyInAnyOrderElementsOf(Detectors.names());
  }

  @Test
  void techniqueIdsAreSpelledAsAttackSpellsThem() {
    for (Attack.Technique t : Attack.techniques()) {
      assertThat(t.id()).matches("T1\\d{3}(\\.\\d{3})?");
      assertThat(t.name()).isNotBlank();
      assertThat(t.tactics()).isNotEmpty().allMatch(x -> x.matches("[a-z-]+"));
      assertThat(t.url()).startsWith("https://attack.mitre.org/techniques/T").doesNotContain(".0");
    }
    assertThat(Attack.technique("T1098.001").url()).isEqualTo("https://attack.mitre.org/techniques/T1098/001/");
  }

  @Test
  void severalDetectorsGiveEachTechniqueOnceStrongestFirst() {
    assertThat(Attack.of(List.of("logging_tampering", "new_key_used", "new_origin")))
        .containsExactly("T1562.008", "T1098.001", "T1078.004");
    assertThat(Attack.of(List.of("not_a_detector"))).isEmpty();
  }
}
