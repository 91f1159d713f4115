package dev.hindsight.audit;

import dev.hindsight.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Whole small files through Hadoop's FileSystem, so s3a:// works as well as local paths. */
final class HadoopFiles {
  private final Configuration conf;

  HadoopFiles(Lake lake) {
    this.conf = lake.spark().sparkContext().hadoopConfiguration();
  }

  boolean exists(String uri) {
    try {
      Path p = new Path(uri);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check " + uri + ": " + e.getMessage(), e);
    }
  }

  byte[] read(String uri) {
    try {
      Path p = new Path(uri);
      try (var in = p.getFileSystem(conf).open(p)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + uri + ": " + e.getMessage(), e);
    }
  }

  String readString(String uri) {
    return new String(read(uri), StandardCharsets.UTF_8);
  }

  /** Writes a new file; fails if it exists. */
  void write(String uri, byte[] bytes) {
    write(uri, bytes, false);
  }

  /** Writes a file, replacing any previous one. */
  void overwrite(String uri, byte[] bytes) {
    write(uri, bytes, true);
  }

  private void write(String uri, byte[] bytes, boolean overwrite) {
    try {
      Path p = new Path(uri);
      try (var os = p.getFileSystem(conf).create(p, overwrite)) {
        os.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + uri + ": " + e.getMessage(), e);
    }
  }
}
