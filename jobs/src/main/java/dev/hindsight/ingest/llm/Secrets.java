package dev.hindsight.ingest.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hindsight.ingest.Redactor;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Key material in LLM and proxy logs: vendor API keys (sk-..., sk-ant-..., sk-proj-...), bearer tokens, and
 * values of secret-named fields. None of it is stored: values are replaced by the Redactor's mark, or, where
 * a key is the identity itself, by a keyed hash ({@link #keyHash}).
 */
public final class Secrets {
  /** Environment variable holding the secret of the keyed hash of raw API keys. */
  public static final String HASH_SECRET_ENV = "HINDSIGHT_KEY_HASH_SECRET";
  /**
   * Used when HINDSIGHT_KEY_HASH_SECRET is not set. Documented and public: it keeps credential ids stable, and
   * raw API keys have far too much entropy to be guessed back from their hash; set the variable to make the
   * hashes unlinkable across lakes.
   */
  public static final String DEFAULT_HASH_SECRET = "hindsight-default-key-hash-secret";

  /** Bearer tokens, vendor API keys, JWTs, and long opaque tokens after key-ish labels. */
  static final Pattern KEY_TEXT = Pattern.compile(
      "(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"
          + "|\\b(?:sk|rk|pk)-(?:ant-|proj-|svcacct-|admin-|live-|test-)?[A-Za-z0-9_-]{12,}"
          + "|\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

  private Secrets() {}

  /** Whether a text holds something that looks like key material. */
  public static boolean looksLikeKey(String s) {
    return s != null && KEY_TEXT.matcher(s).find();
  }

  /** Replaces key material and secret-named JSON fields in free text. */
  public static String scrubText(String s) {
    if (s == null) {
      return null;
    }
    String t = Redactor.redactText(s);
    return KEY_TEXT.matcher(t).replaceAll(m -> m.group(1) != null ? m.group(1) + Redactor.MARK : Redactor.MARK);
  }

  /** Redacts secret-named fields and key material in any string value of the tree, in place. */
  public static void scrub(JsonNode node) {
    Redactor.redact(node);
    scrubValues(node);
  }

  private static void scrubValues(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isTextual() && looksLikeKey(v.asText())) {
          e.setValue(TextNode.valueOf(scrubText(v.asText())));
        } else if (v.isContainerNode()) {
          scrubValues(v);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        JsonNode v = arr.get(i);
        if (v.isTextual() && looksLikeKey(v.asText())) {
          arr.set(i, TextNode.valueOf(scrubText(v.asText())));
        } else if (v.isContainerNode()) {
          scrubValues(v);
        }
      }
    }
  }

  /** The secret of the keyed hash: HINDSIGHT_KEY_HASH_SECRET, or the documented default. */
  public static String hashSecret() {
    String s = System.getenv(HASH_SECRET_ENV);
    return s == null || s.isBlank() ? DEFAULT_HASH_SECRET : s;
  }

  /** HMAC-SHA256 of a raw key under the secret, as 32 hex characters (128 bits). */
  public static String keyHash(String secret, String rawKey) {
    return dev.hindsight.lake.Hashes.hmacSha256Hex(secret, rawKey, 32);
  }
}
