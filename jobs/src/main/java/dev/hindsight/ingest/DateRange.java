package dev.hindsight.ingest;

import dev.hindsight.error.Errors;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of UTC dates; either end may be open (null). */
public record DateRange(LocalDate from, LocalDate to) implements Serializable {
  public static final DateRange ALL = new DateRange(null, null);

  public DateRange {
    if (from != null && to != null && from.isAfter(to)) {
      throw Errors.usage("Cannot use date range: --from " + from + " is after --to " + to);
    }
  }

  public boolean bounded() {
    return from != null && to != null;
  }

  public boolean isAll() {
    return from == null && to == null;
  }

  public boolean contains(LocalDate d) {
    return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
  }

  /** Whether any day of [start, end] lies in the range. */
  public boolean overlaps(LocalDate start, LocalDate end) {
    return (from == null || !end.isBefore(from)) && (to == null || !start.isAfter(to));
  }

  public List<LocalDate> days() {
    if (!bounded()) {
      throw new IllegalStateException("Cannot list the days of an open date range");
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  @Override
  public String toString() {
    return (from == null ? "*" : from.toString()) + ".." + (to == null ? "*" : to.toString());
  }
}
