package dev.hindsight.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A source of JSON records in date folders: {@link DatedLayout} discovery and the shared
 * {@link JsonRecordsParser}, so a source is its name, its folder convention and its
 * {@link JsonRecordsParser.RecordMapper mapper}.
 */
public abstract class JsonRecordsSource implements Source {
  private static final long serialVersionUID = 1L;

  /** Which file names (in lower case) a source reads. */
  @FunctionalInterface
  public interface FileNames extends Predicate<String>, Serializable {}

  private final String name;
  private final JsonRecordsParser.RecordMapper mapper;
  private final DatedLayout.Convention folders;
  private final FileNames readable;

  protected JsonRecordsSource(String name, JsonRecordsParser.RecordMapper mapper, DatedLayout.Convention folders,
      FileNames readable) {
    this.name = name;
    this.mapper = mapper;
    this.folders = folders;
    this.readable = readable;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    return DatedLayout.discover(fs, root, range, folders, readable);
  }

  @Override
  public String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink) {
    return new JsonRecordsParser(inputFile, limits, sink, mapper).parse(bytes);
  }
}
