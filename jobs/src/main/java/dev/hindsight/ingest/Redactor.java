package dev.hindsight.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps key material out of the lake. Audit logs carry some secrets themselves (CloudTrail logs the
 * sessionToken that AssumeRole and GetFederationToken return); their values are replaced by a marker before a
 * record is stored anywhere.
 */
public final class Redactor {
  public static final String MARK = "<redacted by hindsight>";

  /** Field names (lower case) whose values are secrets. */
  static final Set<String> SECRET_FIELDS = Set.of(
      "sessiontoken", "secretaccesskey", "password", "newpassword", "oldpassword", "currentpassword",
      "secretstring", "secretbinary", "privatekey", "privatekeymaterial", "clientsecret", "client_secret",
      "apikey", "api_key", "x-api-key", "authorization", "credentialsecret", "token", "access_token",
      "refresh_token", "id_token");

  /** Cheap test on the record text before any tree walk: every secret field name contains one of these. */
  private static final String[] HINTS = {"oken", "ecret", "assword", "rivate", "pi_key", "piKey", "pikey",
      "uthorization", "-api-"};

  private static final Pattern SECRET_TEXT = Pattern.compile(
      "(?i)(\"(?:" + String.join("|", SECRET_FIELDS).replace("-", "\\-") + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

  private Redactor() {}

  public static boolean mayContainSecrets(String text) {
    for (String h : HINTS) {
      if (text.contains(h)) {
        return true;
      }
    }
    return false;
  }

  /** Replaces secret values in place; returns whether anything was replaced. */
  public static boolean redact(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode obj) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (SECRET_FIELDS.contains(e.getKey().toLowerCase(Locale.ROOT)) && v.isValueNode() && !v.isNull()
            && !(v.isTextual() && v.asText().equals(MARK))) {
          e.setValue(obj.textNode(MARK));
          changed = true;
        } else if (v.isContainerNode()) {
          changed |= redact(v);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (JsonNode v : arr) {
        changed |= redact(v);
      }
    }
    return changed;
  }

  /** Redacts secret values in text that may not be valid JSON (quarantine snippets). */
  public static String redactText(String text) {
    if (text == null || !mayContainSecrets(text)) {
      return text;
    }
    return SECRET_TEXT.matcher(text).replaceAll("$1\"" + MARK + "\"");
  }
}
