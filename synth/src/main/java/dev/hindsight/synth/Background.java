package dev.hindsight.synth;

import static dev.hindsight.synth.Json.arr;
import static dev.hindsight.synth.Json.obj;

import dev.hindsight.synth.Acts.Act;
import dev.hindsight.synth.Acts.Ctx;
import dev.hindsight.synth.World.Human;
import dev.hindsight.synth.World.Role;
import dev.hindsight.synth.World.Session;
import dev.hindsight.synth.World.Tag;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The everyday traffic that anomaly scoring learns as normal: people on office hours, service roles around
 * the clock with hourly key rotation, deploy builds, a nightly ETL and AWS services acting on their own.
 * Each (actor, day) has its own random stream, so a day can be generated on its own.
 */
final class Background {
  static final double DUPLICATE_FACTOR = 1.04;
  private static final double HUMAN_SHARE = 0.25;
  private static final double SERVICE_EXTRA_SHARE = 0.02;
  private static final double OFF_RATE = 0.07;

  private final World w;
  private final long seed;
  private final LocalDate start;
  private final double userBase;
  private final double roleBudget;
  private final double shareTotal;
  private final double serviceExtras;
  private final Map<Session, String[]> lambdaIps = new HashMap<>();

  Background(World w, long seed, LocalDate start, int eventsPerDay) {
    this.w = w;
    this.seed = seed;
    this.start = start;
    double target = eventsPerDay / DUPLICATE_FACTOR;
    double weights = 0;
    for (Human h : w.humans) {
      if (!h.legacy && h.activeFrom == Long.MIN_VALUE) {
        weights += h.weight;
      }
    }
    double perWeekday = HUMAN_SHARE * target * 7.0 / 5.0;
    this.userBase = perWeekday / weights / (1 - OFF_RATE);
    int rotations = 0;
    double shares = 0;
    for (Role r : w.roles) {
      rotations += r.sessions.size() * 24;
      shares += r.share;
    }
    this.shareTotal = shares;
    this.serviceExtras = SERVICE_EXTRA_SHARE * target;
    this.roleBudget = Math.max(target * (1 - HUMAN_SHARE - SERVICE_EXTRA_SHARE) - rotations, 10.0 * w.roles.size());
    for (Human h : w.humans) {
      h.mix = Acts.personal(Rng.of(seed, "mix", h.name), h.admin, h.security);
    }
    for (Role r : w.roles) {
      r.mix = roleMix(r);
    }
  }

  long dayStart(int d) {
    return start.plusDays(d).toEpochDay() * 86400L;
  }

  /** Expected daily volume of one role on an ordinary day (before weekday shaping). */
  double roleVolume(Role r) {
    return roleBudget * r.share / shareTotal;
  }

  List<Event> day(int d) {
    List<Event> out = new ArrayList<>();
    long from = dayStart(d);
    long to = from + 86400L;
    LocalDate date = start.plusDays(d);
    for (Human h : w.humans) {
      for (int off = -1; off <= 1; off++) {
        LocalDate local = date.plusDays(off);
        long workFrom = local.atTime(7, 0).atZone(h.zone).toEpochSecond();
        long workTo = local.atTime(21, 0).atZone(h.zone).toEpochSecond();
        if (workTo <= from || workFrom >= to) {
          continue;
        }
        for (Event e : humanLocalDay(h, local)) {
          if (e.time >= from && e.time < to && e.time >= h.activeFrom) {
            tag(h.tags, e);
            out.add(e);
          }
        }
      }
    }
    for (Role r : w.roles) {
      switch (r.kind) {
        case ALWAYS_ON -> alwaysOn(r, d, from, out);
        case BUILDS -> builds(r, d, from, date, out);
        case NIGHTLY -> nightly(r, d, from, out);
        default -> throw new IllegalStateException();
      }
    }
    serviceEvents(d, from, out);
    return out;
  }

  private static void tag(List<Tag> tags, Event e) {
    for (Tag t : tags) {
      if (t.matches(e)) {
        t.label().add(e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // People

  private List<Event> humanLocalDay(Human h, LocalDate local) {
    List<Event> out = new ArrayList<>();
    DayOfWeek dow = local.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
      return out;
    }
    if (h.onlyDays != null && !h.onlyDays.contains(local.toEpochDay())) {
      return out;
    }
    Rng r = Rng.of(seed, "humanday", h.name, local.toEpochDay());
    if (h.onlyDays == null && r.chance(OFF_RATE)) {
      return out;
    }
    double mean = userBase * h.weight * Math.exp(0.35 * r.gaussian() - 0.06);
    int n = Math.max(1, r.poisson(mean));
    boolean wfh = r.chance(h.homeShare);
    int k = 1 + r.nextInt(3) + (n > 60 ? 1 : 0);
    int[] per = new int[k];
    for (int i = 0; i < n; i++) {
      per[r.nextInt(k)]++;
    }
    Ctx c = new Ctx();
    c.rng = r;
    c.acct = h.acct;
    c.self = h.name;
    Identity mfaSession = null;
    for (int s = 0; s < k; s++) {
      if (per[s] == 0) {
        continue;
      }
      long t0 = local.atTime(8, 0).atZone(h.zone).toEpochSecond() + r.nextInt(9 * 3600 + 1800);
      long dur = 600 + r.nextInt(5400);
      String ip = wfh ? h.homeIps[0] : r.pick(h.officeIps);
      Identity who;
      String ua;
      boolean console = h.console && r.chance(0.65);
      if (console) {
        c.time = t0;
        out.add(consoleLogin(c, h, ip));
        who = Identity.iamUserSession(h.acct.id, h.principalId, h.arn, h.name, "ASIA" + r.base32(16), t0, true);
        ua = World.UA_CONSOLE;
      } else if (h.mfaSession) {
        if (mfaSession == null) {
          c.time = t0 - 20;
          String asia = "ASIA" + r.base32(16);
          out.add(getSessionToken(c, h, h.keyIdentity(h.keyAt(c.time)), ip, asia));
          mfaSession = Identity.iamUserSession(h.acct.id, h.principalId, h.arn, h.name, asia, c.time, true);
        }
        who = mfaSession;
        ua = h.ua;
      } else {
        who = null;
        ua = h.ua;
      }
      long[] times = new long[per[s]];
      for (int i = 0; i < times.length; i++) {
        times[i] = t0 + 5 + (long) (r.nextDouble() * dur);
      }
      java.util.Arrays.sort(times);
      for (long t : times) {
        c.time = t;
        Act a = h.mix.pick(r);
        String region = (h.secondary == null || r.chance(0.85)) ? h.primary : h.secondary;
        int outcome = Acts.OK;
        if (r.chance(0.02)) {
          outcome = r.chance(0.6) ? Acts.DENIED : Acts.FAILED;
        }
        Identity id = who != null ? who : h.keyIdentity(h.keyAt(t));
        String callIp = console && r.chance(0.03) ? "AWS Internal" : ip;
        Event e = Acts.make(c, a, id, region, callIp, ua, outcome);
        e.fromConsole = console;
        out.add(e);
      }
    }
    return out;
  }

  static Event consoleLogin(Ctx c, Human h, String ip) {
    c.reset();
    c.region = World.USE1;
    c.resp = obj("ConsoleLogin", "Success");
    c.add = obj("LoginTo", "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state="
            + "hashArgsFromTB_us-east-1_" + c.rng.hex(16), "MobileVersion", "No",
        "MFAIdentifier", "arn:aws:iam::" + h.acct.id + ":mfa/" + h.name, "MFAUsed", "Yes");
    String browser = (Rng.fnv(h.name) & 1) == 0 ? World.UA_BROWSER_MAC : World.UA_BROWSER_WIN;
    Event e = Acts.finish(c, Acts.CONSOLE_LOGIN, Identity.iamUserSignIn(h.acct.id, h.principalId, h.arn, h.name),
        ip, browser, Acts.OK);
    e.requestId = null;
    e.tlsHost = null;
    return e;
  }

  static Event getSessionToken(Ctx c, Human h, Identity akia, String ip, String asia) {
    c.reset();
    c.region = World.USE1;
    c.req = obj("durationSeconds", 43200, "serialNumber", "arn:aws:iam::" + h.acct.id + ":mfa/" + h.name);
    c.resp = obj("credentials", credentials(c.rng, asia, c.time + 43200));
    return Acts.finish(c, Acts.STS_GET_SESSION_TOKEN, akia, ip, h.ua, Acts.OK);
  }

  static Object credentials(Rng r, String accessKeyId, long expires) {
    return obj("accessKeyId", accessKeyId, "sessionToken", "IQoJb3JpZ2luX2Vj" + r.base64(360),
        "expiration", Json.awsDate(expires));
  }

  // ---------------------------------------------------------------------------------------------
  // Roles

  private static Acts.Mix roleMix(Role r) {
    return switch (r.name) {
      case "media-processor" -> Acts.fixed(Acts.S3_GET_MEDIA, 50, Acts.S3_PUT_DERIVED, 22, Acts.S3_HEAD_MEDIA, 10,
          Acts.KMS_GENERATE_DATA_KEY, 5, Acts.KMS_DECRYPT, 8, Acts.SQS_RECEIVE_MEDIA, 3, Acts.SQS_DELETE_MEDIA, 3,
          Acts.STS_GET_CALLER_IDENTITY, 0.5);
      case "orders-api", "staging-app" -> Acts.fixed(Acts.DDB_GET_ORDER, 35, Acts.DDB_PUT_ORDER, 20,
          Acts.DDB_QUERY_ORDERS, 20, Acts.DDB_UPDATE_ORDER, 10, Acts.KMS_DECRYPT, 10, Acts.SQS_SEND_ORDERS, 10,
          Acts.SM_GET_ORDERS_DB, 0.3);
      case "log-shipper" -> Acts.fixed(Acts.LOGS_CREATE_LOG_STREAM, 15, Acts.LOGS_DESCRIBE_LOG_STREAMS, 30,
          Acts.S3_PUT_LOGS, 40, Acts.KMS_GENERATE_DATA_KEY, 5, Acts.STS_GET_CALLER_IDENTITY, 2);
      case "billing-export" -> Acts.fixed(Acts.DDB_SCAN_INVOICES, 20, Acts.DDB_QUERY_INVOICES, 20,
          Acts.S3_PUT_BILLING, 40, Acts.KMS_GENERATE_DATA_KEY, 10, Acts.SQS_SEND_BILLING, 5);
      case "nightly-etl" -> Acts.fixed(Acts.S3_GET_DATALAKE, 40, Acts.S3_PUT_DATALAKE, 20, Acts.GLUE_GET_TABLE, 15,
          Acts.GLUE_GET_PARTITIONS, 10, Acts.ATHENA_START, 5, Acts.ATHENA_GET, 10);
      case "deploy-pipeline" -> Acts.fixed(Acts.CFN_DESCRIBE_STACKS, 20, Acts.CFN_CREATE_CHANGE_SET, 5,
          Acts.CFN_DESCRIBE_CHANGE_SET, 10, Acts.CFN_EXECUTE_CHANGE_SET, 5, Acts.CFN_DESCRIBE_STACK_EVENTS, 20,
          Acts.ECR_GET_AUTH_TOKEN, 5, Acts.ECS_UPDATE_SERVICE, 4, Acts.ECS_DESCRIBE_SERVICES, 10,
          Acts.LAMBDA_UPDATE_CODE, 4, Acts.S3_PUT_ARTIFACT, 10, Acts.STS_GET_CALLER_IDENTITY, 3);
      case "AWSServiceRoleForConfig" -> Acts.fixed(Acts.EC2_DESCRIBE_INSTANCES, 10, Acts.EC2_DESCRIBE_SG, 10,
          Acts.EC2_DESCRIBE_NETWORK_INTERFACES, 8, Acts.EC2_DESCRIBE_VPCS, 5, Acts.EC2_DESCRIBE_SUBNETS, 5,
          Acts.EC2_DESCRIBE_VOLUMES, 5, Acts.IAM_GET_ROLE, 6, Acts.IAM_LIST_ATTACHED_ROLE_POLICIES, 4,
          Acts.S3_GET_BUCKET_POLICY, 5, Acts.S3_GET_BUCKET_ACL, 5, Acts.S3_GET_BUCKET_ENCRYPTION, 5,
          Acts.LAMBDA_GET_FUNCTION, 4, Acts.DDB_DESCRIBE_TABLE, 4, Acts.KMS_DESCRIBE_KEY, 3);
      case "guardduty-forwarder" -> Acts.fixed(Acts.GD_LIST_FINDINGS, 30, Acts.GD_GET_FINDINGS, 30,
          Acts.KMS_DECRYPT, 5);
      default -> throw new IllegalStateException("no mix for role " + r.name);
    };
  }

  private String sessionIp(Rng r, Session s) {
    if (s.ip != null) {
      return s.ip;
    }
    String[] pool = lambdaIps.computeIfAbsent(s, x -> {
      Rng ir = Rng.of(s.hash, "lambda-ips");
      String[] ips = new String[16];
      for (int i = 0; i < ips.length; i++) {
        ips[i] = World.awsIp(ir, s.region);
      }
      return ips;
    });
    return r.pick(pool);
  }

  private static int roleOutcome(Rng r) {
    double x = r.nextDouble();
    if (x < 0.008) {
      return Acts.FAILED;
    }
    return x < 0.010 ? Acts.DENIED : Acts.OK;
  }

  private void alwaysOn(Role role, int d, long from, List<Event> out) {
    Rng r = Rng.of(seed, "roleday", role.acct.id, role.name, d);
    Ctx c = new Ctx();
    c.rng = r;
    c.acct = role.acct;
    c.self = role.name;
    double[] cum = new double[24];
    double t = 0;
    for (int h = 0; h < 24; h++) {
      t += role.profile[h];
      cum[h] = t;
    }
    Map<Long, Identity> ids = new HashMap<>();
    int n = r.poisson(roleVolume(role) * (0.9 + 0.2 * r.nextDouble()));
    for (int i = 0; i < n; i++) {
      long time = from + r.weighted(cum) * 3600L + r.nextInt(3600);
      out.add(roleCall(role, r, c, ids, time, role.mix.pick(r), role.tags));
    }
    World.Boost b = role.boosts.get(d);
    if (b != null) {
      Act only = null;
      double share = 1.0;
      if (b.action() != null) {
        for (Act a : role.mix.acts) {
          if (a.name.equals(b.action())) {
            only = a;
            break;
          }
        }
        share = role.mix.weightOf(b.action());
      }
      int extra = (int) Math.round((b.factor() - 1) * n * share);
      int span = (b.toHour() - b.fromHour()) * 3600;
      for (int i = 0; i < extra; i++) {
        long time = from + b.fromHour() * 3600L + r.nextInt(span);
        Act a = only != null ? only : role.mix.pick(r);
        out.add(roleCall(role, r, c, ids, time, a, role.tags));
      }
    }
    // Key rotation: the service assumes the role again about hourly per session.
    for (Session s : role.sessions) {
      long p0 = role.period(s, from);
      long p1 = role.period(s, from + 86399);
      for (long p = p0; p <= p1 + 1; p++) {
        long bt = role.boundary(s, p);
        if (bt >= from && bt < from + 86400) {
          c.time = bt;
          String invoker = role.service;
          out.add(assumeRoleByService(c, role.acct, s.region, invoker, role.arn, role.principalId, role.name,
              s.name, role.keyFor(s, p), bt + (s.ec2 || invoker.startsWith("ecs") ? 6 * 3600 : 3600)));
        }
      }
    }
  }

  private Event roleCall(Role role, Rng r, Ctx c, Map<Long, Identity> ids, long time, Act a, List<Tag> tags) {
    Session s = role.sessions.size() == 1 ? role.sessions.get(0) : role.sessions.get(r.nextInt(role.sessions.size()));
    long p = role.period(s, time);
    Identity who = ids.computeIfAbsent(p * 64 + s.idx, k -> role.identity(s, p));
    c.time = time;
    String ip = sessionIp(r, s);
    Event e = Acts.make(c, a, who, s.region, ip, role.ua, roleOutcome(r));
    tag(tags, e);
    return e;
  }

  static Event assumeRoleByService(Ctx c, World.Account acct, String region, String service, String roleArn,
      String rolePrincipalId, String roleName, String sessionName, String key, long expires) {
    c.reset();
    c.acct = acct;
    c.region = region;
    c.req = obj("roleArn", roleArn, "roleSessionName", sessionName);
    c.resp = obj("credentials", credentials(c.rng, key, expires),
        "assumedRoleUser", obj("assumedRoleId", rolePrincipalId + ":" + sessionName,
            "arn", "arn:aws:sts::" + acct.id + ":assumed-role/" + roleName + "/" + sessionName));
    c.res = arr(obj("accountId", acct.id, "type", "AWS::IAM::Role", "ARN", roleArn));
    Event e = Acts.finish(c, Acts.STS_ASSUME_ROLE, Identity.awsService(service), service, service, Acts.OK);
    e.sharedEventId = c.rng.uuid();
    return e;
  }

  private void builds(Role role, int d, long from, LocalDate date, List<Event> out) {
    DayOfWeek dow = date.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
      return;
    }
    Rng r = Rng.of(seed, "builds", role.acct.id, role.name, d);
    Ctx c = new Ctx();
    c.rng = r;
    c.acct = role.acct;
    c.self = role.name;
    List<String> targets = new ArrayList<>(List.of(World.USE1, World.EUW1));
    String rolloutToday = null;
    for (Map.Entry<String, Long> x : new java.util.TreeMap<>(role.extraRegionsFrom).entrySet()) {
      if (from >= x.getValue()) {
        targets.add(x.getKey());
      }
      if (from == x.getValue()) {
        rolloutToday = x.getKey();
      }
    }
    double vol = roleVolume(role) * 7.0 / 5.0;
    int nBuilds = Math.max(1, r.poisson(Math.max(1.0, vol / 35.0)));
    if (rolloutToday != null) {
      nBuilds = Math.max(nBuilds, 2);
    }
    for (int b = 0; b < nBuilds; b++) {
      long startT = from + 7 * 3600 + r.nextInt(10 * 3600);
      long dur = 300 + r.nextInt(1500);
      String session = "AWSCodeBuild-" + r.uuid();
      String key = "ASIA" + r.base32(16);
      String target = (rolloutToday != null && b == 0) ? rolloutToday : r.pick(targets);
      c.time = startT - 2;
      out.add(assumeRoleByService(c, role.acct, role.buildHome, role.service, role.arn, role.principalId,
          role.name, session, key, startT + 3600));
      Identity who = Identity.assumedRole(role.acct.id, role.arn, role.principalId, role.name, session, key,
          startT - 2, null, false);
      String ip = World.awsIp(r, role.buildHome);
      int n = Math.max(5, r.poisson(vol / nBuilds));
      long[] times = new long[n];
      for (int i = 0; i < n; i++) {
        times[i] = startT + (long) (r.nextDouble() * dur);
      }
      java.util.Arrays.sort(times);
      for (int i = 0; i < n; i++) {
        c.time = times[i];
        Act a = (target.equals(rolloutToday) && i < 3) ? Acts.CFN_CREATE_STACK : role.mix.pick(r);
        Event e = Acts.make(c, a, who, target, ip, role.ua, roleOutcome(r));
        tag(role.tags, e);
        out.add(e);
      }
    }
  }

  private void nightly(Role role, int d, long from, List<Event> out) {
    Rng r = Rng.of(seed, "nightly", role.acct.id, role.name, d);
    Ctx c = new Ctx();
    c.rng = r;
    c.acct = role.acct;
    c.self = role.name;
    long startT = from + 3600 + r.nextInt(600);
    long dur = 3 * 3600 + r.nextInt(1800);
    String instance = "i-0" + r.hex(16);
    String key = "ASIA" + r.base32(16);
    c.time = startT - 30;
    out.add(assumeRoleByService(c, role.acct, role.buildHome, role.service, role.arn, role.principalId, role.name,
        instance, key, startT + 6 * 3600));
    Identity who = Identity.assumedRole(role.acct.id, role.arn, role.principalId, role.name, instance, key,
        startT - 30, null, true);
    String ip = World.awsIp(r, role.buildHome);
    int n = r.poisson(roleVolume(role));
    for (int i = 0; i < n; i++) {
      c.time = startT + (long) (r.nextDouble() * dur);
      Event e = Acts.make(c, role.mix.pick(r), who, role.buildHome, ip, role.ua, roleOutcome(r));
      tag(role.tags, e);
      out.add(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // AWS services on their own

  private void serviceEvents(int d, long from, List<Event> out) {
    Rng r = Rng.of(seed, "services", d);
    Ctx c = new Ctx();
    c.rng = r;
    String[][] functions = {
        {World.PROD, "thumbnail-resizer", World.USE1}, {World.PROD, "orders-webhook", World.USE1},
        {World.PROD, "auth-authorizer", World.EUW1}, {World.STAGING, "report-mailer", World.EUW1},
        {World.SECURITY, "security-hub-sync", World.USE1}};
    int n = r.poisson(serviceExtras);
    for (int i = 0; i < n; i++) {
      String[] f = r.pick(functions);
      World.Account acct = w.account(f[0]);
      String roleName = f[1] + "-role";
      String roleArn = "arn:aws:iam::" + acct.id + ":role/" + roleName;
      String principal = "AROA" + Rng.of(seed, "fnrole", acct.id, roleName).base32(17);
      c.acct = acct;
      c.time = from + r.nextInt(86400);
      boolean events = r.chance(0.2);
      out.add(assumeRoleByService(c, acct, f[2], events ? "events.amazonaws.com" : "lambda.amazonaws.com",
          roleArn, principal, roleName, events ? "scheduled-" + r.hex(8) : f[1], "ASIA" + r.base32(16),
          c.time + 12 * 3600));
    }
    // Nightly backups report as service events.
    for (World.Account acct : w.accountList) {
      if (acct.id.equals(World.SECURITY)) {
        continue;
      }
      c.acct = acct;
      c.time = from + 3 * 3600 + r.nextInt(3600);
      c.reset();
      c.region = World.EUW1;
      c.add = obj("backupJobId", r.uuid(), "state", "COMPLETED", "resourceType", "DynamoDB",
          "resourceArn", "arn:aws:dynamodb:eu-west-1:" + acct.id + ":table/" + acct.tables.get(0),
          "backupVaultName", "default");
      Event e = Acts.finish(c, Acts.BACKUP_JOB_COMPLETED, Identity.awsService("backup.amazonaws.com"),
          "backup.amazonaws.com", "backup.amazonaws.com", Acts.OK);
      e.requestId = null;
      e.readOnly = false;
      out.add(e);
    }
  }
}
