package dev.hindsight.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Renders a {@link ReportJob.Model} as one self-contained HTML page: inline CSS, charts as inline SVG, no script
 * and no external reference, so it opens offline and prints. Every value from the lake is HTML-escaped.
 */
final class ReportHtml {
  private static final Map<String, String> COLORS = Map.of("critical", "#8e1b1b", "high", "#d9480f",
      "medium", "#e8a317", "low", "#6c8ebf");

  private ReportHtml() {}

  static String render(ReportJob.Model m) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>hindsight audit report ").append(m.from()).append(" to ").append(m.to()).append("</title>\n")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    h.append("<header><h1>Credential audit report</h1><p class=\"period\">Period <b>").append(m.from())
        .append("</b> to <b>").append(m.to()).append("</b> (UTC, inclusive) &middot; lake <code>")
        .append(esc(m.lake())).append("</code></p></header>\n");

    summary(h, m);
    coverage(h, m);
    findingsOverview(h, m);
    topFindings(h, m);
    provenance(h, m);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, ReportJob.Model m) {
    long days = m.to().toEpochDay() - m.from().toEpochDay() + 1;
    h.append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
    card(h, "findings", Long.toString(m.findings()));
    for (String s : ReportJob.SEVERITIES) {
      card(h, s, Long.toString(m.bySeverity().getOrDefault(s, 0L)));
    }
    card(h, "days with events", (days - m.daysWithoutEvents().size()) + " / " + days);
    card(h, "days scored", m.scoredDays() + " / " + days);
    long quarantined = m.quarantine().stream().mapToLong(q -> ((Number) q.get("records")).longValue()).sum();
    card(h, "quarantined records", Long.toString(quarantined));
    h.append("</div></section>\n");
  }

  private static void card(StringBuilder h, String label, String value) {
    h.append("<div class=\"card\"><div class=\"v\">").append(esc(value)).append("</div><div class=\"l\">")
        .append(esc(label)).append("</div></div>");
  }

  private static void coverage(StringBuilder h, ReportJob.Model m) {
    h.append("<section id=\"coverage\"><h2>Coverage</h2>\n<h3>Sources</h3>");
    table(h, "coverage-sources", List.of("source", "events", "days", "first_day", "last_day", "credentials",
        "accounts"), m.coverage());
    if (m.daysWithoutEvents().isEmpty()) {
      h.append("<p>Every day of the period has events.</p>");
    } else {
      h.append("<p class=\"warn\">Days without any events (").append(m.daysWithoutEvents().size()).append("): ")
          .append(esc(ranges(m.daysWithoutEvents()))).append("</p>");
    }
    h.append("<h3>Files read</h3>");
    table(h, "coverage-files", List.of("source", "status", "files", "records", "quarantined", "bytes"), m.files());
    h.append("<h3>Quarantined records (by reason)</h3>");
    if (m.quarantine().isEmpty()) {
      h.append("<p>None in the period.</p>");
    } else {
      table(h, "coverage-quarantine", List.of("source", "reason", "records"), m.quarantine());
    }
    h.append("</section>\n");
  }

  private static void findingsOverview(StringBuilder h, ReportJob.Model m) {
    h.append("<section id=\"findings\"><h2>Findings</h2><div class=\"charts\">");
    severityChart(h, m);
    timelineChart(h, m);
    h.append("</div><h3>By account</h3>");
    List<String> cols = new ArrayList<>(List.of("account_id"));
    cols.addAll(ReportJob.SEVERITIES);
    cols.add("total");
    table(h, "findings-by-account", cols, m.byAccount());
    h.append("</section>\n");
  }

  private static void severityChart(StringBuilder h, ReportJob.Model m) {
    long maxCount = Math.max(1, m.bySeverity().values().stream().mapToLong(Long::longValue).max().orElse(1));
    int w = 420;
    int barH = 26;
    int labelW = 80;
    int height = ReportJob.SEVERITIES.size() * (barH + 10) + 30;
    h.append("<figure><svg class=\"chart\" data-chart=\"severity\" role=\"img\" aria-label=\"Findings by severity\"")
        .append(" width=\"").append(w).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(w)
        .append(' ').append(height).append("\">");
    int y = 10;
    for (String s : ReportJob.SEVERITIES) {
      long n = m.bySeverity().getOrDefault(s, 0L);
      int bw = (int) Math.round((w - labelW - 50) * (double) n / maxCount);
      h.append("<text x=\"0\" y=\"").append(y + 18).append("\">").append(s).append("</text>")
          .append("<rect class=\"bar\" data-severity=\"").append(s).append("\" data-count=\"").append(n)
          .append("\" x=\"").append(labelW).append("\" y=\"").append(y).append("\" width=\"").append(Math.max(bw, n > 0 ? 2 : 0))
          .append("\" height=\"").append(barH).append("\" fill=\"").append(COLORS.get(s)).append("\"/>")
          .append("<text x=\"").append(labelW + bw + 6).append("\" y=\"").append(y + 18).append("\">").append(n)
          .append("</text>");
      y += barH + 10;
    }
    h.append("</svg><figcaption>Findings by severity</figcaption></figure>");
  }

  private static void timelineChart(StringBuilder h, ReportJob.Model m) {
    Map<LocalDate, Map<String, Long>> t = m.timeline();
    int days = t.size();
    int w = 720;
    int plotH = 180;
    int left = 36;
    int bottom = 30;
    double slot = (double) (w - left - 10) / Math.max(days, 1);
    long maxStack = 1;
    for (Map<String, Long> d : t.values()) {
      maxStack = Math.max(maxStack, d.values().stream().mapToLong(Long::longValue).sum());
    }
    h.append("<figure><svg class=\"chart\" data-chart=\"timeline\" role=\"img\" aria-label=\"Active findings per day\"")
        .append(" width=\"").append(w).append("\" height=\"").append(plotH + bottom + 10).append("\" viewBox=\"0 0 ")
        .append(w).append(' ').append(plotH + bottom + 10).append("\">");
    h.append("<line x1=\"").append(left).append("\" y1=\"").append(plotH + 5).append("\" x2=\"").append(w - 5)
        .append("\" y2=\"").append(plotH + 5).append("\" stroke=\"#999\"/>");
    h.append("<text x=\"0\" y=\"15\">").append(maxStack).append("</text><text x=\"0\" y=\"").append(plotH + 5)
        .append("\">0</text>");
    int i = 0;
    int labelEvery = Math.max(1, days / 8);
    for (Map.Entry<LocalDate, Map<String, Long>> e : t.entrySet()) {
      double x = left + i * slot;
      double y = plotH + 5;
      for (String s : List.of("low", "medium", "high", "critical")) {
        long n = e.getValue().getOrDefault(s, 0L);
        if (n == 0) {
          continue;
        }
        double bh = (plotH - 10) * (double) n / maxStack;
        y -= bh;
        h.append("<rect class=\"day\" data-day=\"").append(e.getKey()).append("\" data-severity=\"").append(s)
            .append("\" data-count=\"").append(n).append("\" x=\"").append(fmt(x + 0.5)).append("\" y=\"")
            .append(fmt(y)).append("\" width=\"").append(fmt(Math.max(slot - 1, 1))).append("\" height=\"")
            .append(fmt(bh)).append("\" fill=\"").append(COLORS.get(s)).append("\"><title>").append(e.getKey())
            .append(": ").append(n).append(' ').append(s).append("</title></rect>");
      }
      if (i % labelEvery == 0) {
        h.append("<text class=\"tick\" x=\"").append(fmt(x)).append("\" y=\"").append(plotH + 22).append("\">")
            .append(e.getKey().toString().substring(5)).append("</text>");
      }
      i++;
    }
    h.append("</svg><figcaption>Findings active per day, by severity</figcaption></figure>");
  }

  private static void topFindings(StringBuilder h, ReportJob.Model m) {
    h.append("<section id=\"top\"><h2>Top findings</h2>");
    if (m.top().isEmpty()) {
      h.append("<p>No findings in the period.</p>");
    }
    int rank = 1;
    for (Map<String, Object> f : m.top()) {
      String id = (String) f.get("finding_id");
      String sev = (String) f.get("severity");
      h.append("<article class=\"finding\" id=\"f-").append(esc(id)).append("\"><h3><span class=\"sev\" style=\"background:")
          .append(COLORS.getOrDefault(sev, "#666")).append("\">").append(esc(sev)).append("</span> #").append(rank++)
          .append(" &middot; score ").append(String.format(java.util.Locale.ROOT, "%.1f", ((Number) f.get("score")).doubleValue()))
          .append(" &middot; <code>").append(esc(str(f.get("credential_id")))).append("</code></h3>");
      h.append("<p class=\"summary\">").append(esc(str(f.get("summary")))).append("</p>");
      h.append("<dl><dt>principal</dt><dd>").append(esc(str(f.get("principal")))).append("</dd><dt>account</dt><dd>")
          .append(esc(str(f.get("account_id")))).append("</dd><dt>days</dt><dd>").append(f.get("first_seen"))
          .append(" to ").append(f.get("last_seen")).append(" (").append(f.get("days")).append(")</dd><dt>sources</dt><dd>")
          .append(esc(str(f.get("sources")))).append("</dd><dt>regions</dt><dd>").append(esc(str(f.get("regions"))))
          .append("</dd><dt>finding id</dt><dd><code>").append(esc(id)).append("</code> (config ")
          .append(esc(str(f.get("config_version")))).append(")</dd><dt>ATT&amp;CK</dt><dd class=\"attack\">")
          .append(attack(f.get("attack_techniques"))).append("</dd></dl>");
      h.append("<table class=\"reasons\"><tr><th>detector</th><th>feature</th><th>value</th><th>baseline</th><th>score</th><th>reason</th></tr>");
      for (Object o : list(f.get("reasons"))) {
        Row r = (Row) o;
        h.append("<tr><td>").append(esc(r.getString(0))).append("</td><td>").append(esc(r.getString(1)))
            .append("</td><td>").append(num(r.get(2))).append("</td><td>").append(num(r.get(3))).append("</td><td>")
            .append(num(r.get(4))).append("</td><td>").append(esc(r.getString(5))).append("</td></tr>");
      }
      h.append("</table>");
      List<Map<String, Object>> ev = m.evidence().getOrDefault(id, List.of());
      int listed = list(f.get("evidence_event_ids")).size();
      h.append("<h4>Evidence (").append(ev.size()).append(" of ").append(listed).append(" events)</h4>");
      if (!ev.isEmpty()) {
        table(h, "evidence", List.of("event_time", "source", "event_id", "action", "outcome", "region", "source_ip",
            "principal", "user_agent"), ev);
      }
      h.append("</article>\n");
    }
    h.append("</section>\n");
  }

  /** Technique ids with their names (no links: the report is self-contained and links nowhere). */
  private static String attack(Object ids) {
    List<String> parts = new java.util.ArrayList<>();
    for (Object o : list(ids)) {
      String id = String.valueOf(o);
      dev.hindsight.score.Attack.Technique t = dev.hindsight.score.Attack.technique(id);
      parts.add("<code>" + esc(id) + "</code>" + (t == null ? "" : " " + esc(t.name())));
    }
    return parts.isEmpty() ? "none recorded" : String.join("; ", parts);
  }

  private static void provenance(StringBuilder h, ReportJob.Model m) {
    h.append("<section id=\"provenance\"><h2>What this report read</h2><table id=\"table-versions\"><tr><th>table</th>")
        .append("<th>Delta version</th></tr>");
    m.versions().forEach((t, v) -> h.append("<tr><td>").append(esc(t)).append("</td><td class=\"num\">").append(v)
        .append("</td></tr>"));
    h.append("</table><p>Every table was read at the version shown (Delta time travel); reading them again at those"
        + " versions gives the same figures. Generated ").append(m.generatedAt()).append(" by hindsight ")
        .append(esc(m.codeVersion())).append(".</p></section>\n");
  }

  private static void table(StringBuilder h, String id, List<String> cols, List<Map<String, Object>> rows) {
    h.append("<table class=\"data\" data-table=\"").append(esc(id)).append("\"><tr>");
    for (String c : cols) {
      h.append("<th>").append(esc(c)).append("</th>");
    }
    h.append("</tr>");
    for (Map<String, Object> r : rows) {
      h.append("<tr>");
      for (String c : cols) {
        Object v = r.get(c);
        boolean number = v instanceof Number;
        h.append(number ? "<td class=\"num\">" : "<td>").append(number ? num(v) : esc(str(v))).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");
  }

  static List<?> list(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.jdk.javaapi.CollectionConverters.asJava(s);
    }
    if (v instanceof List<?> l) {
      return l;
    }
    return List.of(v);
  }

  static String str(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof scala.collection.Seq<?> || v instanceof List<?>) {
      List<String> parts = new ArrayList<>();
      for (Object x : list(v)) {
        parts.add(str(x));
      }
      return String.join(", ", parts);
    }
    return v.toString();
  }

  private static String num(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
          : String.format(java.util.Locale.ROOT, "%.2f", d);
    }
    return v.toString();
  }

  private static String fmt(double d) {
    return String.format(java.util.Locale.ROOT, "%.1f", d);
  }

  /** 2026-01-03, 2026-01-05..2026-01-09 */
  static String ranges(List<LocalDate> days) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < days.size()) {
      int j = i;
      while (j + 1 < days.size() && days.get(j + 1).equals(days.get(j).plusDays(1))) {
        j++;
      }
      out.add(i == j ? days.get(i).toString() : days.get(i) + ".." + days.get(j));
      i = j + 1;
    }
    return String.join(", ", out);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1200px;color:#222;padding:0 16px}
      h1{margin:0 0 4px}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:32px}
      code{font:12px ui-monospace,monospace;background:#f3f3f3;padding:1px 4px;border-radius:3px}
      .cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px}
      .card .v{font-size:22px;font-weight:600}.card .l{color:#666;font-size:12px}
      table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
      th{background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
      table.data td{max-width:420px;overflow-wrap:break-word}
      table[data-table=evidence]{font-size:12px}
      .charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}figure{margin:0}figcaption{color:#666;font-size:12px}
      svg.chart text{font-size:11px;fill:#333}.warn{color:#8e1b1b}
      .finding{border:1px solid #ddd;border-radius:6px;padding:4px 16px 12px;margin:16px 0;page-break-inside:avoid}
      .sev{color:#fff;border-radius:4px;padding:1px 8px;font-size:12px;text-transform:uppercase}
      dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#666}dd{margin:0}
      .summary{font-size:15px}
      @media print{body{margin:0}.finding{break-inside:avoid}}
      """;
}
