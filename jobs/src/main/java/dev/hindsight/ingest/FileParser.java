package dev.hindsight.ingest;

import dev.hindsight.lake.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on executors: reads each file of a task's bin in one pass and emits its events, its quarantine rows
 * and one row describing the file. Never throws for bad input: every problem becomes a quarantine row.
 */
final class FileParser implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(FileParser.class);
  private static final long serialVersionUID = 1L;

  private final Source source;
  private final ParseLimits limits;
  private final HadoopConf conf;
  private final String runId;
  private final Instant runStart;

  FileParser(Source source, ParseLimits limits, HadoopConf conf, String runId, Instant runStart) {
    this.source = source;
    this.limits = limits;
    this.conf = conf;
    this.runId = runId;
    this.runStart = runStart;
  }

  /** Lazily parses the files of a bin, one file at a time. */
  Iterator<Row> parseAll(List<InputFile> bin) {
    Iterator<InputFile> files = bin.iterator();
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && files.hasNext()) {
          current = parse(files.next()).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  List<Row> parse(InputFile file) {
    Collector c = new Collector(file.path());
    FileBytes bytes = null;
    String format = "unknown";
    Path path = new Path(file.path());
    try (InputStream in = open(path)) {
      bytes = FileBytes.read(in, limits.maxFileBytes());
    } catch (IOException e) {
      c.quarantine(-1, null, Reason.READ_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), null, null,
          null);
    }
    if (bytes != null) {
      try {
        format = source.parse(file.path(), bytes, limits, c);
      } catch (RuntimeException e) {
        // A parser bug must not stop the run or lose the file: quarantine it whole, with the cause.
        c.rows.removeIf(r -> true);
        c.resetCounts();
        LOG.error("The {} parser failed on {} (a bug: the file is quarantined as PARSER_ERROR)", source.name(),
            file.path(), e);
        c.quarantine(-1, null, Reason.PARSER_ERROR, "parser failed on this file (a bug in hindsight): " + e, null,
            null, null);
      }
    }
    Object[] f = new Object[ParsedRows.FILES.columns().length];
    f[ParsedRows.FILES.indexOf("source")] = source.name();
    f[ParsedRows.FILES.indexOf("path")] = file.path();
    f[ParsedRows.FILES.indexOf("size")] = file.size();
    f[ParsedRows.FILES.indexOf("modified_at")] = Instant.ofEpochMilli(file.modifiedAt());
    f[ParsedRows.FILES.indexOf("status")] = "digest".equals(format) ? "skipped_digest"
        : "insight".equals(format) ? "skipped_insight" : "ingested";
    f[ParsedRows.FILES.indexOf("format")] = format;
    f[ParsedRows.FILES.indexOf("records")] = c.events + c.quarantined + c.skipped;
    f[ParsedRows.FILES.indexOf("events")] = c.events;
    f[ParsedRows.FILES.indexOf("quarantined")] = c.quarantined;
    f[ParsedRows.FILES.indexOf("bytes_read")] = bytes == null ? 0L : (long) bytes.length();
    f[ParsedRows.FILES.indexOf("min_event_date")] = c.minDate;
    f[ParsedRows.FILES.indexOf("max_event_date")] = c.maxDate;
    f[ParsedRows.FILES.indexOf("ingest_run_id")] = runId;
    f[ParsedRows.FILES.indexOf("ingested_at")] = runStart;
    c.rows.add(ParsedRows.file(f));
    return c.rows;
  }

  /** Local files through NIO (Hadoop's checksum file system costs a stat per file), the rest through Hadoop. */
  private InputStream open(Path path) throws IOException {
    java.net.URI uri = path.toUri();
    if ("file".equals(uri.getScheme()) || uri.getScheme() == null) {
      return new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(java.nio.file.Path.of(uri.getPath())),
          64 * 1024);
    }
    FileSystem fs = path.getFileSystem(conf.get());
    return fs.open(path);
  }

  private final class Collector implements RecordSink {
    final List<Row> rows = new ArrayList<>();
    final String file;
    long events;
    long quarantined;
    long skipped;
    LocalDate minDate;
    LocalDate maxDate;

    Collector(String file) {
      this.file = file;
    }

    void resetCounts() {
      events = 0;
      quarantined = 0;
      skipped = 0;
      minDate = null;
      maxDate = null;
    }

    @Override
    public void event(Object[] values, LocalDate date) {
      values[EventRow.INGEST_RUN_ID] = runId;
      rows.add(ParsedRows.event(values));
      events++;
      if (minDate == null || date.isBefore(minDate)) {
        minDate = date;
      }
      if (maxDate == null || date.isAfter(maxDate)) {
        maxDate = date;
      }
    }

    @Override
    public void quarantine(long position, Long byteOffset, Reason reason, String detail, String snippet,
        String eventId, LocalDate eventDate) {
      Object[] q = new Object[ParsedRows.QUARANTINE.columns().length];
      q[ParsedRows.QUARANTINE.indexOf("source")] = source.name();
      q[ParsedRows.QUARANTINE.indexOf("input_file")] = file;
      q[ParsedRows.QUARANTINE.indexOf("position")] = position;
      q[ParsedRows.QUARANTINE.indexOf("byte_offset")] = byteOffset;
      q[ParsedRows.QUARANTINE.indexOf("reason")] = reason.name();
      q[ParsedRows.QUARANTINE.indexOf("detail")] = detail;
      q[ParsedRows.QUARANTINE.indexOf("snippet")] = snippet;
      q[ParsedRows.QUARANTINE.indexOf("event_id")] = eventId;
      q[ParsedRows.QUARANTINE.indexOf("event_date")] = eventDate;
      q[ParsedRows.QUARANTINE.indexOf("ingest_run_id")] = runId;
      q[ParsedRows.QUARANTINE.indexOf("quarantined_at")] = runStart;
      rows.add(ParsedRows.quarantine(q));
      quarantined++;
    }

    @Override
    public void skippedRecord() {
      skipped++;
    }
  }
}
