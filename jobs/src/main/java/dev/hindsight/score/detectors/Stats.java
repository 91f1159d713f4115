package dev.hindsight.score.detectors;

import dev.hindsight.score.Features;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Small numeric and formatting helpers shared by the detectors (pure, no state). */
final class Stats {
  /** Scale that makes the median absolute deviation a consistent estimator of a normal sigma. */
  static final double MAD_SCALE = 1.4826;

  private Stats() {}

  static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  /** A detector score: clamped into 0..100, rounded to one decimal (stable output), NaN as 0. */
  static double score(double x) {
    if (Double.isNaN(x)) {
      return 0;
    }
    return Math.round(clamp(x, 0, 100) * 10) / 10.0;
  }

  /** 0 at {@code from}, 1 at {@code to}, linear in between, clamped. */
  static double ramp(double x, double from, double to) {
    if (to == from) {
      return x >= to ? 1 : 0;
    }
    return clamp((x - from) / (to - from), 0, 1);
  }

  static double median(double[] xs) {
    if (xs.length == 0) {
      return 0;
    }
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  /** Median absolute deviation (unscaled). */
  static double mad(double[] xs) {
    double m = median(xs);
    double[] d = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      d[i] = Math.abs(xs[i] - m);
    }
    return median(d);
  }

  static double max(double[] xs) {
    double m = 0;
    for (double x : xs) {
      m = Math.max(m, x);
    }
    return m;
  }

  static double[] values(Collection<Features> rows, ToDoubleFunction<Features> f) {
    return rows.stream().mapToDouble(f).toArray();
  }

  /** Rows grouped by day, oldest first. */
  static TreeMap<LocalDate, List<Features>> byDay(Collection<Features> rows) {
    TreeMap<LocalDate, List<Features>> m = new TreeMap<>();
    for (Features f : rows) {
      m.computeIfAbsent(f.date(), k -> new ArrayList<>()).add(f);
    }
    return m;
  }

  /** Per-day sums of a value over rows (any region), oldest first; only days with rows. */
  static double[] dailySums(Collection<Features> rows, ToDoubleFunction<Features> f) {
    TreeMap<LocalDate, List<Features>> days = byDay(rows);
    double[] out = new double[days.size()];
    int i = 0;
    for (Map.Entry<LocalDate, List<Features>> e : days.entrySet()) {
      out[i++] = e.getValue().stream().mapToDouble(f).sum();
    }
    return out;
  }

  /** Number of distinct days whose rows satisfy the predicate on at least one row. */
  static int daysWith(Collection<Features> rows, java.util.function.Predicate<Features> p) {
    Set<LocalDate> days = new TreeSet<>();
    for (Features f : rows) {
      if (p.test(f)) {
        days.add(f.date());
      }
    }
    return days.size();
  }

  static <T> List<T> list(List<T> xs) {
    return xs == null ? List.of() : xs;
  }

  /** The operation part of a "service:action" pair ("iam.amazonaws.com:AttachUserPolicy" -> AttachUserPolicy). */
  static String actionName(String pair) {
    int i = pair.lastIndexOf(':');
    return i < 0 ? pair : pair.substring(i + 1);
  }

  /** Today's operation names (deduplicated, sorted) that are in the given set. */
  static List<String> actionsIn(Features f, Set<String> names) {
    TreeSet<String> out = new TreeSet<>();
    for (String a : list(f.actions())) {
      String n = actionName(a);
      if (names.contains(n)) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  static boolean hasAction(Features f, String name) {
    for (String a : list(f.actions())) {
      if (actionName(a).equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** A count for a reason: 1234 -> "1,234". */
  static String n(double x) {
    return String.format(Locale.ROOT, "%,d", Math.round(x));
  }

  /** A ratio for a reason: 10.04 -> "10", 2.46 -> "2.5". */
  static String x(double r) {
    return r >= 10 ? String.format(Locale.ROOT, "%,d", Math.round(r)) : String.format(Locale.ROOT, "%.1f", r);
  }

  static String pct(double r) {
    return String.format(Locale.ROOT, "%d%%", Math.round(r * 100));
  }

  /** Up to {@code max} items joined with ", ", then "+N more". */
  static String join(List<String> items, int max) {
    if (items.size() <= max) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, max)) + " +" + (items.size() - max) + " more";
  }

  static String plural(long count, String one, String many) {
    return count == 1 ? one : many;
  }
}
