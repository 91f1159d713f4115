package dev.hindsight.ingest;

import dev.hindsight.lake.tables.Events;
import java.time.LocalDate;

/** Where a parser puts what it reads from one file. */
public interface RecordSink {
  /** One event (date is its event_date). */
  void event(Events row, LocalDate date);

  /** One piece of bad input. position is the record ordinal (or -1 for the file as a whole). */
  void quarantine(long position, Long byteOffset, Reason reason, String detail, String snippet, String eventId,
      LocalDate eventDate);

  /** A record recognised as not an event (CloudTrail Insight), counted but not stored. */
  void skippedRecord();
}
