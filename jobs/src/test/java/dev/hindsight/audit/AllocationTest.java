package dev.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AllocationTest {
  static final List<String> LABELS = List.of("a", "b", "c", "d");

  @Test
  void everyNonEmptyStratumGetsOneThenTheRestIsProportional() {
    long[] take = Allocation.allocate(new long[] {10_000, 5, 1, 0}, 100, LABELS, 1);
    assertThat(take).containsExactly(98, 1, 1, 0);
    long[] even = Allocation.allocate(new long[] {301, 201, 101, 0}, 10, LABELS, 1);
    assertThat(LongStream.of(even).sum()).isEqualTo(10);
    assertThat(even[0]).isGreaterThan(even[1]);
    assertThat(even[1]).isGreaterThan(even[2]);
    assertThat(even[2]).isGreaterThanOrEqualTo(1);
  }

  @Test
  void neverTakesMoreThanAStratumHasAndTakesAllWhenAskedForMore() {
    assertThat(Allocation.allocate(new long[] {3, 2, 1, 0}, 100, LABELS, 1)).containsExactly(3, 2, 1, 0);
    long[] take = Allocation.allocate(new long[] {2, 2, 1000, 0}, 10, LABELS, 1);
    assertThat(take[0]).isLessThanOrEqualTo(2);
    assertThat(take[1]).isLessThanOrEqualTo(2);
    assertThat(LongStream.of(take).sum()).isEqualTo(10);
  }

  @Test
  void fewerRowsThanStrataPicksStrataBySeedDeterministically() {
    long[] pop = {50, 50, 50, 50};
    long[] one = Allocation.allocate(pop, 2, LABELS, 7);
    assertThat(LongStream.of(one).sum()).isEqualTo(2);
    assertThat(LongStream.of(one).max().orElseThrow()).isEqualTo(1);
    assertThat(Allocation.allocate(pop, 2, LABELS, 7)).isEqualTo(one);
    boolean differs = false;
    for (long seed = 8; seed < 40 && !differs; seed++) {
      differs = !java.util.Arrays.equals(Allocation.allocate(pop, 2, LABELS, seed), one);
    }
    assertThat(differs).as("another seed picks other strata").isTrue();
  }
}
