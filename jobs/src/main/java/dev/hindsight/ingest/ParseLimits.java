package dev.hindsight.ingest;

import dev.hindsight.error.Errors;
import java.io.Serializable;

/**
 * Bounds that keep one bad file from hurting a run.
 *
 * @param maxFileBytes decompressed bytes read from one file at most; more is a decompression bomb or a file
 *     that is not an audit log (default 512 MiB; CloudTrail's own files are a few MiB)
 * @param maxRecordBytes bytes of one record at most (default 1 MiB; CloudTrail caps events at 256 KiB)
 */
public record ParseLimits(long maxFileBytes, int maxRecordBytes) implements Serializable {
  public static final ParseLimits DEFAULT = new ParseLimits(512L << 20, 1 << 20);

  public ParseLimits {
    if (maxFileBytes < 1024 || maxFileBytes > Integer.MAX_VALUE - 16) {
      throw Errors.usage(
          "Cannot use --max-file-bytes " + maxFileBytes + ": it must be between 1024 and " + (Integer.MAX_VALUE - 16));
    }
    if (maxRecordBytes < 256) {
      throw Errors.usage("Cannot use --max-record-bytes " + maxRecordBytes + ": it must be >= 256");
    }
  }
}
