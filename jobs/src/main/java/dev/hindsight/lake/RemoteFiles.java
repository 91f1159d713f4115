package dev.hindsight.lake;

import dev.hindsight.error.Errors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The small files the driver reads whole (the scoring configuration, a proxy mapping, GeoIP databases), from a
 * local path, {@code file:} or any URI Hadoop reads ({@code s3a://}), like {@code --lake} and {@code --input}: on
 * a cluster nothing has to be copied onto the driver's machine by hand.
 *
 * <p>Hadoop settings come from the running SparkSession when there is one, else from the Spark settings this JVM
 * was started with ({@code spark-submit --conf spark.hadoop.*}, which it passes as system properties) plus the
 * command's own {@code --conf spark.hadoop.*}.
 */
public final class RemoteFiles {
  /** Text files (configuration, mapping) larger than this are refused: they are settings, not data. */
  public static final long MAX_TEXT_BYTES = 16L << 20;
  /** Remote files copied to local disk in this JVM: uri|length|modified -> the copy. */
  private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

  private RemoteFiles() {}

  /** Whether Java's own file API reads this path: no scheme, a {@code file:} URI, or a Windows drive path. */
  public static boolean isLocal(String pathOrUri) {
    int colon = pathOrUri.indexOf(':');
    if (colon <= 1) {
      return true; // no scheme, or a drive letter
    }
    String scheme = pathOrUri.substring(0, colon).toLowerCase(Locale.ROOT);
    return scheme.equals("file") || !scheme.matches("[a-z][a-z0-9+.-]*");
  }

  /** A local path for it: itself when local ({@code file:} URIs made paths), else a copy made once per JVM. */
  public static Path local(String pathOrUri, Map<String, String> sparkConf) {
    if (isLocal(pathOrUri)) {
      return pathOrUri.startsWith("file:") ? Path.of(URI.create(pathOrUri)) : Path.of(pathOrUri);
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(pathOrUri);
    try {
      FileSystem fs = p.getFileSystem(conf(sparkConf));
      FileStatus st = fs.getFileStatus(p);
      String key = pathOrUri + '|' + st.getLen() + '|' + st.getModificationTime();
      Path copy = COPIES.get(key);
      if (copy != null && Files.isRegularFile(copy)) {
        return copy;
      }
      Path dir = Files.createTempDirectory("hindsight-remote-");
      dir.toFile().deleteOnExit();
      Path target = dir.resolve(p.getName());
      try (InputStream in = fs.open(p)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      target.toFile().deleteOnExit();
      COPIES.put(key, target);
      return target;
    } catch (FileNotFoundException e) {
      throw Errors.usage("Cannot read " + pathOrUri + ": no such file");
    } catch (IOException e) {
      throw Errors.usage("Cannot read " + pathOrUri + ": " + e.getMessage());
    }
  }

  /** The whole file as UTF-8 text, from a local path or any Hadoop URI. */
  public static String readText(String pathOrUri, Map<String, String> sparkConf) {
    try {
      if (isLocal(pathOrUri)) {
        Path p = local(pathOrUri, sparkConf);
        if (!Files.isRegularFile(p)) {
          throw Errors.usage("Cannot read " + pathOrUri + ": " + (Files.exists(p) ? "not a regular file"
              : "no such file"));
        }
        checkSize(pathOrUri, Files.size(p));
        return Files.readString(p, StandardCharsets.UTF_8);
      }
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(pathOrUri);
      FileSystem fs = p.getFileSystem(conf(sparkConf));
      checkSize(pathOrUri, fs.getFileStatus(p).getLen());
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (FileNotFoundException e) {
      throw Errors.usage("Cannot read " + pathOrUri + ": no such file");
    } catch (IOException e) {
      throw Errors.usage("Cannot read " + pathOrUri + ": " + e.getMessage());
    }
  }

  private static void checkSize(String what, long bytes) {
    if (bytes > MAX_TEXT_BYTES) {
      throw Errors.usage("Cannot read " + what + ": " + bytes + " bytes, over the " + MAX_TEXT_BYTES
          + " a settings file may have");
    }
  }

  /** The running session's Hadoop settings, else those of this JVM's Spark settings plus {@code sparkConf}. */
  public static Configuration conf(Map<String, String> sparkConf) {
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isEmpty()) {
      active = SparkSession.getDefaultSession();
    }
    if (active.isDefined()) {
      return active.get().sparkContext().hadoopConfiguration();
    }
    Configuration c = new Configuration();
    for (scala.Tuple2<String, String> kv : new SparkConf(true).getAll()) {
      hadoopSetting(c, kv._1(), kv._2());
    }
    if (sparkConf != null) {
      sparkConf.forEach((k, v) -> hadoopSetting(c, k, v));
    }
    return c;
  }

  private static void hadoopSetting(Configuration c, String key, String value) {
    if (key.startsWith("spark.hadoop.")) {
      c.set(key.substring("spark.hadoop.".length()), value);
    }
  }
}
