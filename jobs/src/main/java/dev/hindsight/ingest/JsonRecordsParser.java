package dev.hindsight.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.lake.tables.Events;
import java.io.Serializable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Parses one file of JSON records in a single streaming pass, for sources whose records are self-contained
 * JSON objects (Azure Monitor and Entra diagnostic exports, Log Analytics exports, {@code az} and
 * {@code gcloud} output, Graph API pages, Cloud Logging sinks, Bedrock invocation logs, OpenAI / Anthropic
 * admin audit logs, proxy logs). A {@link RecordMapper} turns each record into an events row. Records are kept
 * byte for byte as delivered (raw), unless a secret had to be redacted; a mapper that
 * {@linkplain RecordMapper#rewritesRecord() rewrites the record} (to strip prompt content or key material)
 * scrubs it itself, and raw is then the record as the mapper left it, re-serialised.
 *
 * <p>Shapes: JSON lines (or pretty-printed objects one after another), a bare array of records, and a
 * wrapper object holding the records in {@code records} (older Azure diagnostic blobs), {@code value}
 * (Graph API and ARM list responses) or {@code data} (an API page such as {@code {"object":"list","data":[...]}}
 * from the OpenAI and Anthropic admin APIs). A bad line is quarantined and parsing resumes at the next line
 * that starts a root object (also when the file itself does not start with one); a syntax error inside an
 * array ends the file with one quarantine row that says how much was not read. (The same rules as
 * {@code CloudTrailParser}.)
 */
public final class JsonRecordsParser extends JsonScanner {
  /** What a source does with one record. */
  public interface RecordMapper extends Serializable {
    /** The source name stored in events.source. */
    String source();

    /**
     * Fills v (event_id, event_time and event_date at least) from rec, or throws {@link JsonFields.Bad} with
     * the reason the record cannot be an event (fill event_id / event_date first where known, for the
     * quarantine row). rec is always an object; a mapper that {@link #rewritesRecord()} may change it.
     */
    void map(JsonNode rec, Events v);

    /** A name for the record's shape (the first record's names the file's), or null. */
    default String shape(JsonNode first) {
      return null;
    }

    /**
     * The format stored in ingest_files.format, from the container ({@code jsonl}, {@code array},
     * {@code records}, {@code value}, {@code page}) and the first record's {@link #shape} (null: none).
     */
    default String format(String container, String firstShape) {
      return container + "/" + (firstShape == null ? "none" : firstShape);
    }

    /**
     * Whether map strips from the record what must never be stored (then raw is the record after map,
     * re-serialised, and the parser's own secret redaction does not run: the mapper sees the record as
     * delivered). False: raw is the delivered bytes, redacted by {@link Redactor} when they hold a secret.
     */
    default boolean rewritesRecord() {
      return false;
    }

    /**
     * A quarantine snippet from the text of a bad record or line (at most {@link #SNIPPET} characters), or
     * null when the source's records may hold content that must not be stored even when malformed.
     */
    default String snippet(String text) {
      return Redactor.redactText(clip(text));
    }

    /** The event id of a record that map rejected before filling event_id, for the quarantine row. */
    default String eventIdOf(JsonNode rec) {
      return null;
    }

    /**
     * The records one delivered record holds: the record itself (the default), or, for a source whose records
     * are aggregates (a usage report's time bucket, one result row per group), one self-contained object per
     * row (the bucket's bounds copied in), each mapped, stored and counted as a record of its own, with its
     * own input_position. An empty list: the record holds nothing to store (an empty bucket), counted as
     * skipped. Throws {@link JsonFields.Bad} when the record cannot be split (it is quarantined whole).
     */
    default java.util.List<JsonNode> split(JsonNode rec) {
      return java.util.List.of(rec);
    }
  }

  private final String inputFile;
  private final ParseLimits limits;
  private final RecordMapper mapper;
  private String shape;
  private String container;

  public JsonRecordsParser(String inputFile, ParseLimits limits, RecordSink sink, RecordMapper mapper) {
    super(sink);
    this.inputFile = inputFile;
    this.limits = limits;
    this.mapper = mapper;
  }

  /** @return the file's {@linkplain RecordMapper#format format} (container and first record's shape), or unknown */
  public String parse(FileBytes fb) {
    return scan(fb);
  }

  @Override
  protected Body body(FileBytes fb, int start) {
    boolean ended;
    byte first = data[start];
    if (first == '[') {
      container = "array";
      ended = parseArrayFile(fb);
    } else if (first == '{') {
      String wrapper = peekWrapper();
      if (wrapper != null) {
        container = wrapper.equals("data") ? "page" : wrapper.toLowerCase(java.util.Locale.ROOT);
        ended = parseRecordsFile(fb, wrapper);
      } else {
        container = "jsonl";
        ended = parseRootSequence(start, fb);
      }
    } else {
      // Not JSON at the start (a header line, a log line): quarantined, and reading resumes at the next record.
      container = "jsonl";
      ended = parseRootSequence(start, fb);
    }
    return new Body(mapper.format(container, shape), ended);
  }

  /**
   * The name of the records array if the first root object is a wrapper ({@code records} / {@code value} /
   * {@code data} holding an array, and no time field of its own), else null.
   */
  private String peekWrapper() {
    try (JsonParser p = MAPPER.getFactory().createParser(data, 0, length)) {
      p.nextToken();
      String found = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ((name.equalsIgnoreCase("records") || name.equals("value") || name.equals("data"))
            && value == JsonToken.START_ARRAY) {
          found = name;
        }
        if (name.equalsIgnoreCase("time") || name.equalsIgnoreCase("timestamp")) {
          return null;
        }
        p.skipChildren();
      }
      return found;
    } catch (IOException e) {
      return null; // the sequence parser reports it, record by record
    }
  }

  @Override
  protected String snippetOf(String text) {
    return mapper.snippet(text);
  }

  @Override
  protected void record(JsonNode node, int s, int e) {
    long position = ordinal++;
    if (shape == null && node.isObject()) {
      shape = mapper.shape(node);
    }
    if (e - s > limits.maxRecordBytes()) {
      quarantine(position, (long) s, Reason.OVERSIZED_RECORD,
          "record of " + (e - s) + " bytes is over --max-record-bytes " + limits.maxRecordBytes(),
          snippet(s, e), null, null);
      return;
    }
    String raw;
    if (mapper.rewritesRecord()) {
      raw = node.toString();
    } else {
      raw = new String(data, s, e - s, StandardCharsets.UTF_8);
      if (Redactor.mayContainSecrets(raw) && Redactor.redact(node)) {
        raw = node.toString();
      }
    }
    if (!node.isObject()) {
      quarantine(position, (long) s, Reason.NOT_A_RECORD, "the record is not a JSON object", snippet(s, e), null,
          null);
      return;
    }
    java.util.List<JsonNode> parts;
    try {
      parts = mapper.split(node);
    } catch (JsonFields.Bad bad) {
      quarantine(position, (long) s, bad.reason(), bad.getMessage(), mapper.snippet(raw), mapper.eventIdOf(node),
          null);
      return;
    }
    if (parts.isEmpty()) {
      sink.skippedRecord();
      return;
    }
    if (parts.size() != 1 || parts.get(0) != node) {
      for (int i = 0; i < parts.size(); i++) {
        JsonNode part = parts.get(i);
        emit(part, i == 0 ? position : ordinal++, s, part.toString());
      }
      return;
    }
    emit(node, position, s, raw);
  }

  /** Maps one record (starting at byte s of the file) to an event, or quarantines it. */
  private void emit(JsonNode node, long position, int s, String raw) {
    Events v = new Events();
    try {
      mapper.map(node, v);
    } catch (JsonFields.Bad bad) {
      quarantine(position, (long) s, bad.reason(), bad.getMessage(), mapper.snippet(raw),
          v.eventId() != null ? v.eventId() : mapper.eventIdOf(node), v.eventDate());
      return;
    }
    if (mapper.rewritesRecord()) {
      raw = node.toString();
    }
    v.source(mapper.source());
    v.raw(raw);
    v.inputFile(inputFile);
    v.inputPosition(position);
    sink.event(v, v.eventDate());
  }

}
