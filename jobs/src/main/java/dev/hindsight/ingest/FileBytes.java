package dev.hindsight.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A file's decompressed content, read in one pass with a bound on the bytes read. Gzip is recognised by its
 * magic bytes, not by the file name. A read that stopped early keeps what it got and says why.
 *
 * @param data the bytes (only the first {@code length} are valid)
 * @param problem why reading stopped early, or null if the whole file was read
 * @param detail a readable detail for the problem
 */
public record FileBytes(byte[] data, int length, boolean gzip, Reason problem, String detail) {

  public static FileBytes read(InputStream raw, long maxBytes) {
    PushbackInputStream in = new PushbackInputStream(raw, 2);
    boolean gzip = false;
    byte[] buf = new byte[64 * 1024];
    int len = 0;
    try {
      int b0 = in.read();
      int b1 = b0 < 0 ? -1 : in.read();
      if (b1 >= 0) {
        in.unread(b1);
      }
      if (b0 >= 0) {
        in.unread(b0);
      }
      gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream src = gzip ? new GZIPInputStream(in, 64 * 1024) : in;
      while (true) {
        if (len == buf.length) {
          if (len >= maxBytes) {
            return new FileBytes(buf, len, gzip, Reason.FILE_TOO_LARGE,
                "more than " + maxBytes + " decompressed bytes; stopped reading (raise --max-file-bytes if this"
                    + " is a genuine log file)");
          }
          buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, (long) buf.length * 2));
        }
        int n = src.read(buf, len, buf.length - len);
        if (n < 0) {
          break;
        }
        len += n;
      }
      return new FileBytes(buf, len, gzip, null, null);
    } catch (EOFException e) {
      return new FileBytes(buf, len, gzip, gzip ? Reason.TRUNCATED_GZIP : Reason.READ_ERROR,
          "unexpected end of " + (gzip ? "gzip stream" : "file") + " after " + len + " bytes");
    } catch (ZipException e) {
      return new FileBytes(buf, len, gzip, Reason.CORRUPT_GZIP,
          "corrupt gzip data after " + len + " decompressed bytes: " + e.getMessage());
    } catch (IOException e) {
      return new FileBytes(buf, len, gzip, Reason.READ_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
