package dev.hindsight.audit;

import dev.hindsight.lake.Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many rows each stratum gets. Every non-empty stratum gets one row first, so a quiet account or region is
 * represented; the rest is shared in proportion to what each stratum has left (largest remainder, ties by
 * stratum label). When the sample is smaller than the number of strata, the strata that get their one row are
 * chosen by the seeded order of their labels. Pure and deterministic.
 */
final class Allocation {
  private Allocation() {}

  /**
   * @param population rows per stratum
   * @param size rows wanted in all
   * @param labels stratum labels (same order), for tie-breaking and the seeded choice
   * @return rows to draw per stratum; sums to min(size, total population)
   */
  static long[] allocate(long[] population, long size, List<String> labels, long seed) {
    int k = population.length;
    long[] take = new long[k];
    long total = 0;
    int nonEmpty = 0;
    for (long p : population) {
      total += p;
      nonEmpty += p > 0 ? 1 : 0;
    }
    if (size >= total) {
      return population.clone();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (population[i] > 0) {
        order.add(i);
      }
    }
    if (size < nonEmpty) {
      order.sort(Comparator.comparing((Integer i) -> Ids.drawKey(Long.toString(seed), labels.get(i))));
      for (int j = 0; j < size; j++) {
        take[order.get(j)] = 1;
      }
      return take;
    }
    long rest = size - nonEmpty;
    long capacity = 0;
    for (int i : order) {
      take[i] = 1;
      capacity += population[i] - 1;
    }
    if (rest == 0 || capacity == 0) {
      return take;
    }
    double[] remainder = new double[k];
    long given = 0;
    for (int i : order) {
      double quota = (double) rest * (population[i] - 1) / capacity;
      long whole = (long) Math.floor(quota);
      take[i] += whole;
      given += whole;
      remainder[i] = quota - whole;
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -remainder[i]).thenComparing(labels::get));
    for (int j = 0; given < rest && j < order.size(); j++) {
      int i = order.get(j);
      if (take[i] < population[i]) {
        take[i]++;
        given++;
      }
    }
    return take;
  }
}
