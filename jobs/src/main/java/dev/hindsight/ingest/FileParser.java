package dev.hindsight.ingest;

import dev.hindsight.lake.HadoopConf;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.lake.tables.IngestFiles;
import dev.hindsight.lake.tables.Quarantine;
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
    IngestFiles f = new IngestFiles()
        .source(source.name())
        .path(file.path())
        .size(file.size())
        .modifiedAt(Instant.ofEpochMilli(file.modifiedAt()))
        .status("digest".equals(format) ? "skipped_digest" : "insight".equals(format) ? "skipped_insight" : "ingested")
        .format(format)
        .records(c.events + c.quarantined + c.skipped)
        .events(c.events)
        .quarantined(c.quarantined)
        .bytesRead(bytes == null ? 0L : (long) bytes.length())
        .minEventDate(c.minDate)
        .maxEventDate(c.maxDate)
        .ingestRunId(runId)
        .ingestedAt(runStart);
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
    public void event(Events row, LocalDate date) {
      row.ingestRunId(runId);
      rows.add(ParsedRows.event(row));
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
      rows.add(ParsedRows.quarantine(new Quarantine()
          .source(source.name())
          .inputFile(file)
          .position(position)
          .byteOffset(byteOffset)
          .reason(reason.name())
          .detail(detail)
          .snippet(snippet)
          .eventId(eventId)
          .eventDate(eventDate)
          .ingestRunId(runId)
          .quarantinedAt(runStart)));
      quarantined++;
    }

    @Override
    public void skippedRecord() {
      skipped++;
    }
  }
}
