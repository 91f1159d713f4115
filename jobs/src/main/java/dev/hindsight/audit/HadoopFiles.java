package dev.hindsight.audit;

import dev.hindsight.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Whole small files through Hadoop's FileSystem, so s3a:// works as well as local paths. */
public final class HadoopFiles {
  private final Configuration conf;

  public HadoopFiles(Lake lake) {
    this.conf = lake.spark().sparkContext().hadoopConfiguration();
  }

  public boolean exists(String uri) {
    try {
      Path p = new Path(uri);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check " + uri + ": " + e.getMessage(), e);
    }
  }

  public byte[] read(String uri) {
    try {
      Path p = new Path(uri);
      try (var in = p.getFileSystem(conf).open(p)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + uri + ": " + e.getMessage(), e);
    }
  }

  public String readString(String uri) {
    return new String(read(uri), StandardCharsets.UTF_8);
  }

  /** Writes a new file; fails if it exists. */
  public void write(String uri, byte[] bytes) {
    write(uri, bytes, false);
  }

  /** Writes a file, replacing any previous one. */
  public void overwrite(String uri, byte[] bytes) {
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
