package dev.hindsight.lake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The one place hindsight hashes: SHA-256 and HMAC-SHA256, as lower-case hex. Ids built from them are in {@link Ids}. */
public final class Hashes {
  private static final HexFormat HEX = HexFormat.of();

  private Hashes() {}

  /** SHA-256 of bytes, 64 hex characters. */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(digest().digest(bytes));
  }

  /** SHA-256 of a text's UTF-8 bytes, 64 hex characters. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC-SHA256 of a text's UTF-8 bytes under a secret, the first {@code hexChars} hex characters. */
  public static String hmacSha256Hex(String secret, String text, int hexChars) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))).substring(0, hexChars);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
