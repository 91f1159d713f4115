package dev.hindsight.pull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admin usage endpoints {@code pull} pages through: how a request for one bucketed time window is written,
 * how the key is sent, and where the next page's cursor is. Both vendors answer a page
 * {@code {"data":[buckets], "has_more": bool, "next_page": cursor}}, each bucket with its {@code results}.
 */
public enum UsageApi {
  /**
   * Anthropic's Messages usage report, {@code GET /v1/organizations/usage_report/messages}: RFC 3339
   * {@code starting_at} / {@code ending_at}, {@code group_by[]}, the key in {@code x-api-key}.
   */
  ANTHROPIC_MESSAGES("anthropic-usage", "messages", "https://api.anthropic.com", "/v1/organizations/usage_report/messages",
      "ANTHROPIC_ADMIN_KEY", List.of("api_key_id", "workspace_id", "model", "service_tier", "context_window"),
      "starting_at", "ending_at", "group_by[]") {
    @Override
    String time(Instant t) {
      return t.toString();
    }

    @Override
    Map<String, String> headers(String key) {
      return Map.of("x-api-key", key, "anthropic-version", "2023-06-01");
    }
  },

  /**
   * OpenAI's completions usage, {@code GET /v1/organization/usage/completions}: Unix-second {@code start_time}
   * / {@code end_time}, {@code group_by}, the key as a bearer token.
   */
  OPENAI_COMPLETIONS("openai-usage", "completions", "https://api.openai.com", "/v1/organization/usage/completions",
      "OPENAI_ADMIN_KEY", List.of("project_id", "api_key_id", "model", "user_id", "batch", "service_tier"),
      "start_time", "end_time", "group_by") {
    @Override
    String time(Instant t) {
      return String.valueOf(t.getEpochSecond());
    }

    @Override
    Map<String, String> headers(String key) {
      return Map.of("Authorization", "Bearer " + key);
    }
  };

  private final String source;
  private final String report;
  private final String defaultBaseUrl;
  private final String path;
  private final String keyEnv;
  private final List<String> groupBy;
  private final String startParam;
  private final String endParam;
  private final String groupByParam;

  UsageApi(String source, String report, String defaultBaseUrl, String path, String keyEnv, List<String> groupBy,
      String startParam, String endParam, String groupByParam) {
    this.source = source;
    this.report = report;
    this.defaultBaseUrl = defaultBaseUrl;
    this.path = path;
    this.keyEnv = keyEnv;
    this.groupBy = groupBy;
    this.startParam = startParam;
    this.endParam = endParam;
    this.groupByParam = groupByParam;
  }

  /** The source that ingests what this API's pull writes. */
  public String source() {
    return source;
  }

  /** The report's folder under --out. */
  public String report() {
    return report;
  }

  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  public String path() {
    return path;
  }

  /** The environment variable the admin key is read from by default. */
  public String keyEnv() {
    return keyEnv;
  }

  /** Every dimension the report can be grouped by that identifies a credential's use: all are asked for. */
  public List<String> groupBy() {
    return groupBy;
  }

  /** The query string of one request for the buckets of [start, end); page is the previous page's next_page. */
  String query(Instant start, Instant end, String width, int limit, String page) {
    List<String> q = new ArrayList<>();
    q.add(startParam + "=" + enc(time(start)));
    q.add(endParam + "=" + enc(time(end)));
    q.add("bucket_width=" + width);
    q.add("limit=" + limit);
    for (String g : groupBy) {
      q.add(enc(groupByParam) + "=" + g);
    }
    if (page != null) {
      q.add("page=" + enc(page));
    }
    return String.join("&", q);
  }

  /** A time as the API takes it. */
  abstract String time(Instant t);

  /** The headers that carry the key. */
  abstract Map<String, String> headers(String key);

  /** The API of a {@code pull} source name, or null. */
  public static UsageApi bySource(String source) {
    for (UsageApi a : values()) {
      if (a.source.equals(source)) {
        return a;
      }
    }
    return null;
  }

  /** Buckets in one UTC day at this width, which is also each request's limit: 1d 1, 1h 24, 1m 1,440 (both vendors' maxima allow it). */
  static int bucketsPerDay(String width) {
    return switch (width) {
      case "1d" -> 1;
      case "1h" -> 24;
      case "1m" -> 1440;
      default -> throw new IllegalArgumentException(width);
    };
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
