package dev.hindsight.ingest;

import java.time.LocalDate;

/** Where a parser puts what it reads from one file. */
public interface RecordSink {
  /** One event, its values in the order of the events schema (see {@link EventRow}). */
  void event(Object[] values, LocalDate date);

  /** One piece of bad input. position is the record ordinal (or -1 for the file as a whole). */
  void quarantine(long position, Long byteOffset, Reason reason, String detail, String snippet, String eventId,
      LocalDate eventDate);

  /** A record recognised as not an event (CloudTrail Insight), counted but not stored. */
  void skippedRecord();
}
