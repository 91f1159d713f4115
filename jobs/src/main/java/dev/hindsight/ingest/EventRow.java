package dev.hindsight.ingest;

import dev.hindsight.lake.tables.Events;

/**
 * An events row as an Object[] in the column order of schemas/events.json. Kept only for dev.hindsight.synth,
 * which reads the event id and region of the rows it maps this way (through
 * {@link JsonRecordsParser.RecordMapper#map(com.fasterxml.jackson.databind.JsonNode, Object[])}); everything else
 * uses the typed {@link Events}. Delete once synth does too.
 */
@Deprecated
public final class EventRow {
  public static final int WIDTH = Events.COLUMNS.size();
  public static final int EVENT_ID = Events.COLUMNS.indexOf(Events.EVENT_ID);
  public static final int REGION = Events.COLUMNS.indexOf(Events.REGION);

  private EventRow() {}

  public static Object[] create() {
    return new Object[WIDTH];
  }
}
