package dev.hindsight.notify;

import dev.hindsight.error.Errors;
import dev.hindsight.lake.Hashes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where notify posts its messages: a generic JSON webhook or a Slack incoming webhook. The URL itself is a
 * secret (a Slack webhook URL is its own credential, other receivers put a token in the path or the query), so
 * it never leaves this object but on the wire: tables hold its {@link #sha256()}, logs and errors its
 * {@link #masked()} form (scheme and host only), and {@link #redact} scrubs it from any text that might echo it.
 */
public final class Destination {
  /** The message format: a generic JSON object, or a Slack incoming-webhook payload. */
  public enum Kind {
    webhook, slack
  }

  private final Kind kind;
  private final URI url;
  private final String sha256;

  private Destination(Kind kind, URI url) {
    this.kind = kind;
    this.url = url;
    this.sha256 = Hashes.sha256Hex(url.toString());
  }

  /**
   * A destination from a URL given on the command line or in the environment; {@code option} names where it
   * came from for the message of a bad value, which never shows the value.
   */
  public static Destination of(Kind kind, String url, String option) {
    if (kind == null) {
      throw Errors.usage("Cannot notify: the destination kind (webhook or slack) is required");
    }
    if (url == null || url.isBlank()) {
      throw Errors.usage("Cannot notify: " + option + " is empty");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw Errors.usage("Cannot notify: " + option + " is not a URL (the value is not shown: a webhook URL"
          + " holds a secret)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw Errors.usage("Cannot notify: " + option + " must be an http:// or https:// URL with a host (the value"
          + " is not shown: a webhook URL holds a secret)");
    }
    return new Destination(kind, uri);
  }

  public Kind kind() {
    return kind;
  }

  /** The URL, for the HTTP request only. */
  URI url() {
    return url;
  }

  /** sha256 of the URL (64 hex digits): what the notifications table keeps to tell destinations apart. */
  public String sha256() {
    return sha256;
  }

  /** The URL without what can hold a secret: {@code https://host[:port]/*****}. */
  public String masked() {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    boolean more = (url.getRawPath() != null && url.getRawPath().length() > 1) || url.getRawQuery() != null
        || url.getRawFragment() != null || url.getRawUserInfo() != null;
    return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + port + (more ? "/*****" : "");
  }

  /** {@code text} with the URL, its path and its query replaced by {@code *****} wherever they occur. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text.replace(url.toString(), masked());
    for (String part : new String[] {url.getRawPath(), url.getPath(), url.getRawQuery(), url.getQuery(),
        url.getRawUserInfo(), url.getUserInfo()}) {
      if (part != null && part.length() > 1) {
        out = out.replace(part, "*****");
      }
    }
    return out;
  }

  /** The kind and the masked URL, e.g. "slack https://hooks.example.com/*****". */
  @Override
  public String toString() {
    return kind + " " + masked();
  }
}
