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
      "refresh_token", "id_token", "privatekeydata", "primarykey", "secondarykey", "connectionstring",
      "accountkey", "sharedaccesskey", "sastoken", "sas_token", "client_assertion", "assertion");

  /** Cheap test on the record text before any tree walk: every secret field name contains one of these. */
  private static final String[] HINTS = {"oken", "ecret", "assword", "rivate", "pi_key", "piKey", "pikey",
      "uthorization", "-api-",
      "rimaryKey", "rimarykey", "econdaryKey", "econdarykey", "onnectionString", "onnectionstring", "ccountKey",
      "ccountkey", "ccessKey", "ssertion", "sig=", "Bearer ", "bearer "};

  /**
   * Secrets inside string values: the signature of an Azure SAS URL ({@code sig=...}) and bearer tokens in
   * copied headers. The value keeps its shape; only the secret part is replaced.
   */
  private static final Pattern SECRET_IN_VALUE = Pattern.compile(
      "(?i)((?:[?&]|\\\\u0026)sig=)[^&\"\\s<]+|(\\bbearer\\s+)[A-Za-z0-9._~+/=-]{8,}");

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
        } else if (v.isTextual()) {
          String r = redactValue(v.asText());
          if (r != null) {
            e.setValue(obj.textNode(r));
            changed = true;
          }
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        JsonNode v = arr.get(i);
        if (v.isContainerNode()) {
          changed |= redact(v);
        } else if (v.isTextual()) {
          String r = redactValue(v.asText());
          if (r != null) {
            arr.set(i, arr.textNode(r));
            changed = true;
          }
        }
      }
    }
    return changed;
  }

  /**
   * A string value with a secret inside (a SAS signature, a bearer token, or JSON text such as an Azure
   * requestbody holding a secret field): the redacted value, or null if there is nothing to redact.
   */
  static String redactValue(String s) {
    if (s.length() < 8 || !mayContainSecrets(s)) {
      return null;
    }
    String t = s;
    String first = t.stripLeading();
    if (first.startsWith("{") || first.startsWith("[")) {
      try {
        JsonNode inner = JSON.readTree(t);
        if (inner != null && inner.isContainerNode() && redact(inner)) {
          t = inner.toString();
        }
      } catch (java.io.IOException notJson) {
        t = SECRET_TEXT.matcher(t).replaceAll("$1\"" + MARK + "\"");
      }
    }
    t = SECRET_IN_VALUE.matcher(t).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        m.group(1) != null ? m.group(1) + MARK : m.group(2) + MARK));
    return t.equals(s) ? null : t;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Redacts secret values in text that may not be valid JSON (quarantine snippets). */
  public static String redactText(String text) {
    if (text == null || !mayContainSecrets(text)) {
      return text;
    }
    String t = SECRET_TEXT.matcher(text).replaceAll("$1\"" + MARK + "\"");
    return SECRET_IN_VALUE.matcher(t).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        m.group(1) != null ? m.group(1) + MARK : m.group(2) + MARK));
  }
}
