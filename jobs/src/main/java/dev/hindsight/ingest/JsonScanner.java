package dev.hindsight.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The streaming pass over one file of JSON records that {@code CloudTrailParser} and {@link JsonRecordsParser}
 * share: arrays of records (a syntax error inside an array ends the file with one quarantine row that says how
 * much was not read) and sequences of root objects (a bad line is quarantined and parsing resumes at the next
 * line that starts a root object). A subclass decides what a file's root is and what a record becomes.
 */
public abstract class JsonScanner {
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

  protected final RecordSink sink;
  protected byte[] data;
  protected int length;
  protected long ordinal;

  protected JsonScanner(RecordSink sink) {
    this.sink = sink;
  }

  /** One record object, bytes [s, e) of the file; takes its position from ordinal (ordinal++). */
  protected abstract void record(JsonNode node, int s, int e);

  /**
   * What reading a file's body found: its format (the {@code ingest_files.format} value), and whether the file's
   * read problem (a truncated gzip trailer, ...) was already reported as a quarantine row.
   */
  public record Body(String format, boolean problemReported) {}

  /**
   * Reads the body of a file that holds something after leading whitespace, from {@code start}: the records,
   * quarantine rows for the bad ones. Called by {@link #scan} only.
   */
  protected abstract Body body(FileBytes fb, int start);

  /**
   * Reads one whole file, the part every JSON source shares: an empty file (or one whose read failed before any
   * content) is one quarantine row; otherwise {@link #body}; then a file that ended badly after its records were
   * all read gets a quarantine row of its own. Returns the file's format.
   */
  protected final String scan(FileBytes fb) {
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
    Body body = body(fb, start);
    if (!body.problemReported() && fb.problem() != null) {
      // The records were all read, but the file still ended badly (e.g. a truncated gzip trailer).
      quarantine(ordinal, (long) length, fb.problem(), fb.detail(), null, null, null);
    }
    return body.format();
  }

  /** A quarantine snippet of the text of bad bytes (clipped to SNIPPET, secrets redacted), or null for none. */
  protected abstract String snippetOf(String text);

  /** Called with each root object of a sequence before {@link #record}. */
  protected void rootValue(JsonNode node) {}

  /** The first SNIPPET characters of s (null stays null). */
  public static String clip(String s) {
    return s == null || s.length() <= SNIPPET ? s : s.substring(0, SNIPPET);
  }

  protected final boolean parseArrayFile(FileBytes fb) {
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

  protected final void readArrayElements(JsonParser p) throws IOException {
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
  protected final boolean failRest(IOException e, FileBytes fb) {
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
  protected final boolean parseRootSequence(int start, FileBytes fb) {
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
          rootValue(node);
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

  protected final Reason classify(IOException e, FileBytes fb) {
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

  protected final void quarantine(long position, Long offset, Reason reason, String detail, String snippet,
      String eventId, LocalDate date) {
    sink.quarantine(position, offset, reason, detail, snippet, eventId, date);
  }

  protected static String shortMessage(Throwable e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /** The snippet of bytes [s, e) (at most SNIPPET characters, decoded leniently, secrets redacted). */
  protected final String snippet(int s, int e) {
    int from = Math.max(0, Math.min(s, length));
    int to = Math.max(from, Math.min(e, Math.min(length, from + SNIPPET * 4)));
    return snippetOf(new String(data, from, to - from, StandardCharsets.UTF_8));
  }

  protected final int skipWhitespace(int i) {
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

  /** {"wrapper":[...]}: reads the records of the wrapper array; returns true if a file-level problem was already reported. */
  protected final boolean parseRecordsFile(FileBytes fb, String wrapper) {
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
}
