package dev.hindsight.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.io.CharConversionException;
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
public final class JsonRecordsParser {
  /** What a source does with one record. */
  public interface RecordMapper extends Serializable {
    /** The source name stored in events.source. */
    String source();

    /**
     * Fills v (event_id, event_time and event_date at least) from rec, or throws {@link JsonFields.Bad} with
     * the reason the record cannot be an event (fill event_id / event_date first where known, for the
     * quarantine row). rec is always an object; a mapper that {@link #rewritesRecord()} may change it.
     */
    void map(JsonNode rec, Object[] v);

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
  }

  /** Reads records (strings of any length). */
  public static final ObjectMapper MAPPER;

  static {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE / 2).build())
        .build();
    MAPPER = new ObjectMapper(factory);
  }

  /** The longest quarantine snippet, in characters. */
  public static final int SNIPPET = 512;

  private final String inputFile;
  private final ParseLimits limits;
  private final RecordSink sink;
  private final RecordMapper mapper;
  private byte[] data;
  private int length;
  private long ordinal;
  private String shape;
  private String container;

  public JsonRecordsParser(String inputFile, ParseLimits limits, RecordSink sink, RecordMapper mapper) {
    this.inputFile = inputFile;
    this.limits = limits;
    this.sink = sink;
    this.mapper = mapper;
  }

  /** @return the file's {@linkplain RecordMapper#format format} (container and first record's shape), or unknown */
  public String parse(FileBytes fb) {
    data = fb.data();
    length = fb.length();
    int start = skipWhitespace(0);
    if (start >= length) {
      if (fb.problem() != null) {
        quarantine(-1, 0L, fb.problem(), fb.detail(), null, null, null);
      } else {
        quarantine(-1, null, Reason.EMPTY_FILE, "the file has no content", null, null, null);
      }
      return "unknown";
    }
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
    if (!ended && fb.problem() != null) {
      // The records were all read, but the file still ended badly (e.g. a truncated gzip trailer).
      quarantine(ordinal, (long) length, fb.problem(), fb.detail(), null, null, null);
    }
    return mapper.format(container, shape);
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

  /** {"records":[...]}: returns true if a file-level problem was already reported. */
  private boolean parseRecordsFile(FileBytes fb, String wrapper) {
    try (JsonParser p = MAPPER.getFactory().createParser(data, 0, length)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (wrapper.equals(name) && value == JsonToken.START_ARRAY) {
          readArrayElements(p);
        } else {
          p.skipChildren();
        }
      }
      return false;
    } catch (IOException e) {
      return failRest(e, fb);
    }
  }

  private boolean parseArrayFile(FileBytes fb) {
    try (JsonParser p = MAPPER.getFactory().createParser(data, 0, length)) {
      p.nextToken();
      readArrayElements(p);
      if (p.nextToken() != null) {
        quarantine(ordinal, p.currentTokenLocation().getByteOffset(), Reason.INVALID_JSON,
            "content after the end of the records array was not read",
            snippet((int) p.currentTokenLocation().getByteOffset(), length), null, null);
      }
      return false;
    } catch (IOException e) {
      return failRest(e, fb);
    }
  }

  private void readArrayElements(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "end of input inside the records array");
      }
      int s = (int) p.currentTokenLocation().getByteOffset();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        int e = (int) p.currentLocation().getByteOffset();
        quarantine(ordinal++, (long) s, Reason.NOT_A_RECORD, "array element is " + t.asString(),
            snippet(s, e), null, null);
        continue;
      }
      JsonNode node = MAPPER.readTree(p);
      int e = (int) p.currentLocation().getByteOffset();
      record(node, s, e);
    }
  }

  /** A parse error inside an array: everything after it is quarantined as one row. */
  private boolean failRest(IOException e, FileBytes fb) {
    long offset = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
        ? Math.max(0, jpe.getLocation().getByteOffset()) : -1;
    Reason reason = classify(e, fb);
    String detail = (reason == fb.problem() ? fb.detail() + "; " : "") + "records from #" + ordinal
        + " on were not readable: " + shortMessage(e);
    int from = offset < 0 ? 0 : (int) Math.min(offset, length);
    quarantine(ordinal, offset < 0 ? null : offset, reason, detail, snippet(Math.max(0, from - 64), length),
        null, null);
    return true;
  }

  /**
   * A sequence of root values (JSON lines, or pretty-printed objects one after another). On a syntax error,
   * resumes at the next line that starts with '{'.
   */
  private boolean parseRootSequence(int start, FileBytes fb) {
    int pos = start;
    while (pos < length) {
      int resumeAt;
      // Jackson reports offsets relative to where the parser started.
      long base = pos;
      int current = -1; // start of the root value being read, if any
      try (JsonParser p = MAPPER.getFactory().createParser(data, pos, length - pos)) {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          int s = (int) (base + p.currentTokenLocation().getByteOffset());
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            int e = (int) (base + p.currentLocation().getByteOffset());
            quarantine(ordinal++, (long) s, Reason.NOT_A_RECORD, "root value is " + t.asString(),
                snippet(s, e), null, null);
            continue;
          }
          current = s;
          JsonNode node = MAPPER.readTree(p);
          current = -1;
          int e = (int) (base + p.currentLocation().getByteOffset());
          record(node, s, e);
        }
        return false;
      } catch (IOException e) {
        long errAt = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
            ? jpe.getLocation().getByteOffset() : -1;
        // Jackson may report the error past the bad token (even on the next line): prefer the record's start.
        int lineStart = current >= 0 ? lineStartBefore(current, pos)
            : lineStartBefore(errAt < 0 ? pos : (int) Math.min(length, base + Math.max(0, errAt)), pos);
        resumeAt = nextRootLine(Math.max(lineStart + 1, pos + 1));
        Reason reason = classify(e, fb);
        if (resumeAt >= length && fb.problem() != null && reason == fb.problem()) {
          quarantine(ordinal, (long) lineStart, reason, fb.detail() + "; the last record was cut: "
              + shortMessage(e), snippet(lineStart, length), null, null);
          return true;
        }
        quarantine(ordinal++, (long) lineStart, reason, shortMessage(e), snippet(lineStart, resumeAt), null, null);
      }
      pos = resumeAt;
    }
    return false;
  }

  /** One record object, bytes [s, e) of the file. */
  private void record(JsonNode node, int s, int e) {
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
    Object[] v = EventRow.create();
    try {
      mapper.map(node, v);
    } catch (JsonFields.Bad bad) {
      Object date = v[EventRow.EVENT_DATE];
      Object id = v[EventRow.EVENT_ID];
      quarantine(position, (long) s, bad.reason(), bad.getMessage(), mapper.snippet(raw),
          id instanceof String sid ? sid : mapper.eventIdOf(node), date instanceof LocalDate d ? d : null);
      return;
    }
    if (mapper.rewritesRecord()) {
      raw = node.toString();
    }
    v[EventRow.SOURCE] = mapper.source();
    v[EventRow.RAW] = raw;
    v[EventRow.INPUT_FILE] = inputFile;
    v[EventRow.INPUT_POSITION] = position;
    sink.event(v, (LocalDate) v[EventRow.EVENT_DATE]);
  }

  private Reason classify(IOException e, FileBytes fb) {
    if (e instanceof CharConversionException || String.valueOf(e.getMessage()).contains("UTF-8")
        || String.valueOf(e.getMessage()).contains("UTF8")) {
      return Reason.INVALID_UTF8;
    }
    if (fb.problem() != null && (e instanceof com.fasterxml.jackson.core.io.JsonEOFException
        || String.valueOf(e.getMessage()).contains("end-of-input"))) {
      return fb.problem();
    }
    return Reason.INVALID_JSON;
  }

  private void quarantine(long position, Long offset, Reason reason, String detail, String snippet,
      String eventId, LocalDate date) {
    sink.quarantine(position, offset, reason, detail, snippet, eventId, date);
  }

  private static String shortMessage(Throwable e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /** The mapper's snippet of bytes [s, e) (at most SNIPPET characters, decoded leniently, secrets redacted). */
  private String snippet(int s, int e) {
    int from = Math.max(0, Math.min(s, length));
    int to = Math.max(from, Math.min(e, Math.min(length, from + SNIPPET * 4)));
    return mapper.snippet(new String(data, from, to - from, StandardCharsets.UTF_8));
  }

  /** The first SNIPPET characters of s (null stays null). */
  public static String clip(String s) {
    return s == null || s.length() <= SNIPPET ? s : s.substring(0, SNIPPET);
  }

  private int skipWhitespace(int i) {
    if (i == 0 && length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < length && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) {
      i++;
    }
    return i;
  }

  private int lineStartBefore(int at, int floor) {
    int i = Math.min(at, length - 1);
    while (i > floor && data[i - 1] != '\n') {
      i--;
    }
    return Math.max(i, floor);
  }

  /** The start of the next line at or after i that begins with '{' in column 0, or length. */
  private int nextRootLine(int i) {
    for (int j = i; j < length; j++) {
      if (data[j] == '\n' && j + 1 < length && data[j + 1] == '{') {
        return j + 1;
      }
    }
    return length;
  }
}
