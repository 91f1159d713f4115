package dev.hindsight.ingest.cloudtrail;

import dev.hindsight.ingest.Reason;
import dev.hindsight.ingest.RecordSink;
import dev.hindsight.lake.tables.Events;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a parser emits, for assertions. */
final class CollectingSink implements RecordSink {
  record Bad(long position, Long offset, Reason reason, String detail, String snippet, String eventId) {}

  final List<Events> events = new ArrayList<>();
  final List<Bad> bad = new ArrayList<>();
  int skipped;

  @Override
  public void event(Events row, LocalDate date) {
    events.add(row);
  }

  @Override
  public void quarantine(long position, Long byteOffset, Reason reason, String detail, String snippet,
      String eventId, LocalDate eventDate) {
    bad.add(new Bad(position, byteOffset, reason, detail, snippet, eventId));
  }

  @Override
  public void skippedRecord() {
    skipped++;
  }
}
