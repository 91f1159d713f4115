package dev.hindsight.synth;

import static dev.hindsight.synth.Json.arr;
import static dev.hindsight.synth.Json.obj;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Admin audit logs of an OpenAI and an Anthropic organisation, as JSON lines of the objects their admin APIs
 * return, one file per vendor and day ({@code openai/YYYY/MM/DD/audit_logs.jsonl},
 * {@code anthropic/YYYY/MM/DD/activities.jsonl}).
 *
 * <p>Background: users signing in from their usual office and home lines (Germany, UK, US), creating their own
 * keys and chats now and then; an Anthropic admin who rotates service keys every week. Incident (malicious): a
 * rarely active Anthropic member creates an admin API key, and the new key is used within the hour from a
 * hosting network abroad to invite users, grant roles and delete the spend limit. Confounder (benign): the
 * admin's weekly service-key rotation.
 */
final class SyntheticLlmAudit extends LlmSynth {
  static final String ANTHROPIC_ORG = "org_01HSYNTHETICORG000000000";
  static final String OPENAI_ORG = "org-synthetic000000000000";

  private record User(String id, String email, String[] ips, String ua) {}

  @Override
  public String source() {
    return "llm-audit";
  }

  @Override
  public Generated generate(Spec spec) throws IOException {
    Path input = fresh(spec, "audit-logs");
    Rng w = Rng.of(spec.seed(), "llm-audit", "world");
    User[] ant = {
        user(w, "user_01HADMINHUGO00000000000", "hugo@example.com", World.OFFICE_BERLIN, World.DE_TELEKOM),
        user(w, "user_01HCHLOE0000000000000000", "chloe@example.com", World.OFFICE_LONDON, World.GB_BT),
        user(w, "user_01HLIAM00000000000000000", "liam@example.com", World.OFFICE_NEW_YORK, World.US_COMCAST),
        user(w, "user_01HKATJA0000000000000000", "katja@example.com", World.OFFICE_BERLIN, World.DE_VODAFONE)};
    User[] oai = {
        user(w, "user-alice00000000000000", "alice@example.com", World.OFFICE_BERLIN, World.DE_TELEKOM),
        user(w, "user-bruno00000000000000", "bruno@example.com", World.OFFICE_BERLIN, World.DE_VODAFONE),
        user(w, "user-maya000000000000000", "maya@example.com", World.US_COMCAST, World.US_COMCAST)};
    User rare = user(w, "user_01HRARELYSEEN0000000000", "intern@example.com", World.OFFICE_LONDON, World.GB_BT);
    int hit = incidentDay(spec.days());
    int perDay = Math.max(12, spec.eventsPerDay() / 40);
    String newKey = "apikey_01H" + w.base32(16);
    Label takeover = new Label("anthropic-admin-key-abuse", "admin_key_created_then_abused", true)
        .credential("anthropic:key/" + newKey, newKey, "anthropic:key/" + newKey, ANTHROPIC_ORG);
    takeover.relatedCredentials.add("anthropic:user/" + rare.id());
    takeover.description = "a rarely active member creates an admin API key that is used from a hosting network"
        + " abroad to invite users, grant roles and delete the spend limit";
    Label rotation = new Label("anthropic-weekly-key-rotation", "routine_key_rotation", false)
        .credential("anthropic:user/" + ant[0].id(), null, ant[0].email(), ANTHROPIC_ORG);
    rotation.description = "the admin rotates a service key every Monday";
    for (int d = 0; d < spec.days(); d++) {
      LocalDate day = spec.start().plusDays(d);
      Rng r = Rng.of(spec.seed(), "llm-audit", day.toString());
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      for (User u : ant) {
        if (weekend && r.chance(0.8)) {
          continue;
        }
        String ip = r.pick(u.ips());
        anthropic(r, day, u, ip, "sso_login_succeeded", null);
        for (int i = 0; i < perDay / 4; i++) {
          anthropic(r, day, u, ip, r.chance(0.7) ? "claude_chat_created" : "claude_project_created", null);
        }
      }
      if (d % 9 == 3) {
        anthropic(r, day, rare, rare.ips()[0], "sso_login_succeeded", null);
      }
      if (day.getDayOfWeek() == java.time.DayOfWeek.MONDAY) {
        Object[] kv = {"service_key_id", "svckey_01H" + r.base32(16)};
        String id = anthropic(r, day, ant[0], ant[0].ips()[0], "service_key_created", kv);
        if (d >= hit) {
          rotation.add(eventTime, id, null);
        }
        anthropic(r, day, ant[0], ant[0].ips()[0], "service_key_revoked", null);
      }
      for (User u : oai) {
        if (weekend && r.chance(0.8)) {
          continue;
        }
        String ip = r.pick(u.ips());
        openai(r, day, u, ip, "login.succeeded", null);
        if (r.chance(0.1)) {
          openai(r, day, u, ip, "api_key.created", obj("id", "key_" + r.alnum(16),
              "data", obj("scopes", arr("api.model.request"))));
        }
        if (r.chance(0.3)) {
          openai(r, day, u, ip, "project.updated", obj("id", "proj_" + r.alnum(12),
              "changes_requested", obj("title", "Project " + r.hex(4))));
        }
      }
      if (d == hit) {
        String ip = rare.ips()[0];
        String id = anthropic(r, day, rare, ip, "admin_api_key_created", new Object[] {"api_key_id", newKey});
        takeover.add(eventTime, id, null);
        long created = eventTime;
        String attacker = r.ipIn(World.HOSTING_45_155);
        String[] acts = {"org_user_invite_sent", "org_user_invite_sent", "role_assignment_granted",
            "platform_spend_limit_deleted", "org_ip_restriction_deleted", "claude_chat_viewed"};
        for (int i = 0; i < acts.length; i++) {
          Rng a = Rng.of(spec.seed(), "llm-audit", "attack", i);
          long t = created + 600 + i * 240L;
          String eid = anthropicAt(a, t, obj("type", "api_actor", "api_key_id", newKey, "ip_address", attacker,
              "user_agent", "python-httpx/0.27.0"), acts[i], null);
          takeover.add(t, eid, null);
        }
      }
    }
    incidents.add(takeover);
    if (rotation.size() > 0) {
      confounders.add(rotation);
    }
    return finish(spec, input);
  }

  private static User user(Rng r, String id, String email, String office, String home) {
    return new User(id, email, new String[] {r.ipIn(office), r.ipIn(home)}, r.chance(0.5)
        ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"
        : "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36");
  }

  private long eventTime;

  private String anthropic(Rng r, LocalDate day, User u, String ip, String type, Object[] extra)
      throws IOException {
    long t = timeOfDay(r, day, true);
    return anthropicAt(r, t, obj("type", "user_actor", "email_address", u.email(), "user_id", u.id(),
        "ip_address", ip, "user_agent", u.ua()), type, extra);
  }

  private String anthropicAt(Rng r, long t, Object actor, String type, Object[] extra) throws IOException {
    String id = "activity_01H" + r.base32(22);
    Object[] base = {"id", id, "created_at", Json.iso(t), "organization_id", ANTHROPIC_ORG, "type", type,
        "actor", actor};
    Object[] kv = extra == null ? base : concat(base, extra);
    String day = Json.iso(t).substring(0, 10).replace('-', '/');
    add("anthropic/" + day + "/activities.jsonl", t, obj(kv));
    eventTime = t;
    return id;
  }

  private void openai(Rng r, LocalDate day, User u, String ip, String type, Object payload) throws IOException {
    long t = timeOfDay(r, day, true);
    String id = "audit_log-" + r.alnum(24);
    Object actor = obj("type", "session", "session", obj("user", obj("id", u.id(), "email", u.email()),
        "ip_address", ip, "user_agent", u.ua()));
    Object[] base = {"id", id, "type", type, "effective_at", t, "actor", actor};
    Object[] kv = payload == null ? base : concat(base, new Object[] {type.replace('.', '_'), payload});
    String d = Json.iso(t).substring(0, 10).replace('-', '/');
    add("openai/" + d + "/audit_logs.jsonl", t, obj(kv));
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
