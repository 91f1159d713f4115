package dev.hindsight.synth;

import static dev.hindsight.synth.Json.arr;
import static dev.hindsight.synth.Json.obj;

import dev.hindsight.synth.Acts.Act;
import dev.hindsight.synth.Acts.Ctx;
import dev.hindsight.synth.World.Human;
import dev.hindsight.synth.World.Role;
import dev.hindsight.synth.World.Session;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The labelled incidents and benign confounders. Planning picks their days (none in the first
 * {@link #WARM_UP_DAYS} days, so every credential has a baseline), adjusts the background (boosts, key
 * rotations, a new user, a dormant user) and writes the incident events themselves.
 */
final class Scenarios {
  static final int WARM_UP_DAYS = 20;
  /** Below this many days there is no room after the warm-up: only the monthly batch can occur. */
  static final int MIN_DAYS_FOR_INCIDENTS = 30;
  static final int DORMANT_GAP_DAYS = 45;

  static final String UA_LEAKED = "Boto3/1.24.28 Python/3.10.6 Linux/5.15.0-86-generic Botocore/1.27.28";
  static final String UA_OLD_CLI = "aws-cli/1.22.34 Python/3.10.12 Linux/5.15.0-91-generic botocore/1.23.34";
  static final String UA_WINDOWS_CLI = "aws-cli/2.13.25 Python/3.11.5 Windows/10 exe/AMD64 prompt/off";
  static final String UA_SECRETS = "Boto3/1.33.1 md/Botocore#1.33.1 ua/2.0 os/linux#6.1.0-13-amd64 md/arch#x86_64 "
      + "lang/python#3.11.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.33.1";
  static final String UA_KALI = "Boto3/1.26.137 Python/3.11.4 Linux/6.3.0-kali1-amd64 Botocore/1.29.137";
  static final String UA_BEDROCK = "aws-sdk-js/3.474.0 ua/2.0 os/linux#5.4.0-167-generic lang/js md/nodejs#18.19.0 "
      + "api/bedrock-runtime#3.474.0";
  static final String UA_DORMANT = "Boto3/1.20.24 Python/3.8.10 Linux/5.4.0-150-generic Botocore/1.23.24";

  private final World w;
  private final long seed;
  private final LocalDate start;
  private final int days;
  private final Rng plan;
  private final Set<Integer> used = new HashSet<>();
  private final List<Integer> pool = new ArrayList<>();
  private final Map<Integer, List<Event>> byDay = new TreeMap<>();
  final List<Label> incidents = new ArrayList<>();
  final List<Label> confounders = new ArrayList<>();

  Scenarios(World w, long seed, LocalDate start, int days) {
    this.w = w;
    this.seed = seed;
    this.start = start;
    this.days = days;
    this.plan = Rng.of(seed, "plan");
    for (int d = WARM_UP_DAYS; d < days; d++) {
      pool.add(d);
    }
    for (int i = pool.size() - 1; i > 0; i--) {
      int j = plan.nextInt(i + 1);
      Integer t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
  }

  List<Event> eventsFor(int d) {
    return byDay.getOrDefault(d, List.of());
  }

  long dayStart(int d) {
    return start.plusDays(d).toEpochDay() * 86400L;
  }

  private boolean weekday(int d) {
    DayOfWeek dow = start.plusDays(d).getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** A day from the shuffled pool: unused if possible, a weekday if asked, at least minDay. */
  private int pickDay(boolean needWeekday, int minDay) {
    for (int pass = 0; pass < 2; pass++) {
      for (int d : pool) {
        if (d >= minDay && (pass == 1 || !used.contains(d)) && (!needWeekday || weekday(d))) {
          used.add(d);
          return d;
        }
      }
    }
    return -1;
  }

  private Label incident(String kind) {
    Label l = new Label(String.format("inc-%02d", incidents.size() + 1), kind, true);
    incidents.add(l);
    return l;
  }

  private Label confounder(String kind) {
    Label l = new Label(String.format("ben-%02d", confounders.size() + 1), kind, false);
    confounders.add(l);
    return l;
  }

  /** Adds an incident event to its day and its label, unless it falls outside the generated period. */
  private void emit(Label l, Event e) {
    int d = (int) Math.floorDiv(e.time - dayStart(0), 86400L);
    if (d < 0 || d >= days) {
      return;
    }
    byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(e);
    if (l != null) {
      l.add(e);
    }
  }

  private Ctx ctx(Rng r, World.Account acct, String self) {
    Ctx c = new Ctx();
    c.rng = r;
    c.acct = acct;
    c.self = self;
    return c;
  }

  private Event call(Ctx c, long t, Act a, Identity who, String region, String ip, String ua, int outcome) {
    c.time = t;
    return Acts.make(c, a, who, region, ip, ua, outcome);
  }

  /** A call whose request/response the scenario writes itself. */
  private Event custom(Ctx c, long t, Act a, Identity who, String region, String ip, String ua, Object req,
      Object resp, int outcome) {
    c.time = t;
    c.reset();
    c.region = a.region(region);
    c.req = req;
    c.resp = resp;
    return Acts.finish(c, a, who, ip, ua, outcome);
  }

  // ---------------------------------------------------------------------------------------------

  void plan() {
    dormantUserEarlyDays();
    monthlyBatch();
    if (days < MIN_DAYS_FOR_INCIDENTS) {
      return;
    }
    leakedAccessKey();
    keyCreatedForOtherUser();
    privilegeEscalation();
    secretsMassRetrieval();
    loggingTampering();
    enumerationBurst();
    dormantCredential();
    llmjacking();
    impossibleTravel();
    volumeSpike();
    regionRollout();
    newEmployee();
    keyRotation();
  }

  private int dormantLastDay = -1;

  /** The legacy reporting key works on the first three weekdays only, then goes quiet. */
  private void dormantUserEarlyDays() {
    Human rep = w.human("svc-reporting");
    rep.onlyDays = new HashSet<>();
    for (int d = 0; d < Math.min(7, days) && rep.onlyDays.size() < 3; d++) {
      if (weekday(d)) {
        rep.onlyDays.add(start.plusDays(d).toEpochDay());
        dormantLastDay = d;
      }
    }
  }

  private void monthlyBatch() {
    Role billing = w.role(World.PROD, "billing-export");
    Label l = null;
    int count = 0;
    for (int d = 0; d < days; d++) {
      if (start.plusDays(d).getDayOfMonth() == 1) {
        if (l == null) {
          l = confounder("monthly_batch");
          l.credential(billing.arn, null, billing.arn, billing.acct.id);
        }
        billing.boosts.put(d, new World.Boost(10, null, 0, 6));
        billing.tags.add(new World.Tag(dayStart(d), dayStart(d) + 86400, null, null, l));
        count++;
      }
    }
    if (l != null) {
      l.description = "Role billing-export runs its month-end export on the 1st of each month (" + count
          + " occurrence(s)): about 10x its usual daily volume between 00:00 and 06:00 UTC from its usual "
          + "Lambda addresses.";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Incidents

  private void leakedAccessKey() {
    int d = pickDay(false, WARM_UP_DAYS);
    Human h = w.human("alice");
    Rng r = Rng.of(seed, "inc", "leaked");
    Ctx c = ctx(r, h.acct, h.name);
    String ip = r.ipIn(World.HOSTING_45_155);
    long t = dayStart(d) + 3600 + r.nextInt(7200);
    Identity who = h.keyIdentity(h.keyAt(t));
    Label l = incident("leaked_access_key").credential(who.accessKeyId, who.accessKeyId, h.arn, h.acct.id);
    emit(l, call(c, t, Acts.STS_GET_CALLER_IDENTITY, who, World.USE1, ip, UA_LEAKED, Acts.OK));
    t += 5 + r.nextInt(20);
    emit(l, call(c, t, Acts.S3_LIST_BUCKETS, who, World.USE1, ip, UA_LEAKED, Acts.OK));
    for (Act a : List.of(Acts.IAM_LIST_USERS, Acts.IAM_GET_ACCOUNT_SUMMARY, Acts.IAM_LIST_ROLES)) {
      t += 3 + r.nextInt(15);
      emit(l, call(c, t, a, who, World.USE1, ip, UA_LEAKED, a == Acts.IAM_LIST_ROLES ? Acts.OK : Acts.DENIED));
    }
    List<Act> sweep = List.of(Acts.EC2_DESCRIBE_INSTANCES, Acts.EC2_DESCRIBE_SG, Acts.EC2_DESCRIBE_VPCS,
        Acts.EC2_DESCRIBE_KEY_PAIRS, Acts.EC2_DESCRIBE_SNAPSHOTS, Acts.LAMBDA_LIST_FUNCTIONS,
        Acts.SES_GET_SEND_QUOTA, Acts.DDB_LIST_TABLES);
    for (String region : World.ALL_REGIONS) {
      for (Act a : sweep) {
        t += 8 + r.nextInt(40);
        int outcome = a == Acts.SES_GET_SEND_QUOTA || a == Acts.DDB_LIST_TABLES && r.chance(0.5)
            ? Acts.DENIED : Acts.OK;
        emit(l, call(c, t, a, who, region, ip, UA_LEAKED, outcome));
      }
    }
    l.description = "Long-term key of alice (an eu-west-1 developer) used at night from never-seen hosting "
        + "address " + ip + ": GetCallerIdentity, ListBuckets, then a Describe/List sweep through "
        + World.ALL_REGIONS.size() + " regions with AccessDenied on IAM and SES.";
  }

  private void keyCreatedForOtherUser() {
    int d = pickDay(true, WARM_UP_DAYS);
    Human actor = w.human("farid");
    Human target = w.human("katja");
    Rng r = Rng.of(seed, "inc", "other-user-key");
    Ctx c = ctx(r, actor.acct, actor.name);
    long t = start.plusDays(d).atTime(13, 0).atZone(actor.zone).toEpochSecond() + r.nextInt(7200);
    String newKey = "AKIA" + r.base32(16);
    Identity who = actor.keyIdentity(actor.keyAt(t));
    Label l = incident("access_key_created_for_other_user")
        .credential(newKey, newKey, target.arn, target.acct.id);
    l.relatedCredentials.add(who.accessKeyId);
    emit(l, custom(c, t, Acts.IAM_CREATE_ACCESS_KEY, who, World.USE1, actor.officeIps[0], actor.ua,
        obj("userName", target.name), obj("accessKey", obj("userName", target.name, "accessKeyId", newKey,
            "status", "Active", "createDate", Json.awsDate(t))), Acts.OK));
    Identity stolen = Identity.iamUserKey(target.acct.id, target.principalId, target.arn, target.name, newKey);
    String ip = r.ipIn(World.VPN_M247);
    Ctx tc = ctx(r, target.acct, target.name);
    t += 1200 + r.nextInt(3600);
    emit(l, call(tc, t, Acts.STS_GET_CALLER_IDENTITY, stolen, World.EUW1, ip, UA_WINDOWS_CLI, Acts.OK));
    List<Act> acts = List.of(Acts.S3_LIST_BUCKETS, Acts.S3_GET_BUCKET_POLICY, Acts.EC2_DESCRIBE_INSTANCES,
        Acts.SM_LIST_SECRETS, Acts.DDB_LIST_TABLES, Acts.DDB_DESCRIBE_TABLE, Acts.IAM_LIST_ATTACHED_USER_POLICIES,
        Acts.LAMBDA_LIST_FUNCTIONS, Acts.SSM_DESCRIBE_PARAMETERS, Acts.EC2_DESCRIBE_SG);
    int n = 20 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      t += 20 + r.nextInt(120);
      Act a = r.pick(acts);
      emit(l, call(tc, t, a, stolen, World.EUW1, ip, UA_WINDOWS_CLI, r.chance(0.15) ? Acts.DENIED : Acts.OK));
    }
    l.description = "farid called CreateAccessKey for another user (katja); the new key " + newKey
        + " was first used " + "from VPN address " + ip + " that neither user had used before.";
  }

  private void privilegeEscalation() {
    int d = pickDay(false, WARM_UP_DAYS);
    Human h = w.human("bruno");
    Rng r = Rng.of(seed, "inc", "privesc");
    Ctx c = ctx(r, h.acct, h.name);
    String ip = r.ipIn(World.TOR_EXIT);
    long t = dayStart(d) + 20 * 3600 + r.nextInt(3 * 3600);
    Identity who = h.keyIdentity(h.keyAt(t));
    Label l = incident("privilege_escalation").credential(who.accessKeyId, who.accessKeyId, h.arn, h.acct.id);
    String ua = UA_OLD_CLI;
    String admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    String backdoor = "svc-backup-ops";
    String backdoorArn = "arn:aws:iam::" + h.acct.id + ":user/" + backdoor;
    String backdoorKey = "AKIA" + r.base32(16);
    emit(l, call(c, t, Acts.STS_GET_CALLER_IDENTITY, who, World.USE1, ip, ua, Acts.OK));
    emit(l, call(c, t += 9, Acts.IAM_LIST_ATTACHED_USER_POLICIES, who, World.USE1, ip, ua, Acts.OK));
    emit(l, call(c, t += 14, Acts.IAM_GET_ACCOUNT_AUTH_DETAILS, who, World.USE1, ip, ua, Acts.DENIED));
    emit(l, custom(c, t += 40, Acts.IAM_ATTACH_USER_POLICY, who, World.USE1, ip, ua,
        obj("userName", h.name, "policyArn", admin), null, Acts.OK));
    emit(l, custom(c, t += 25, Acts.IAM_PUT_USER_POLICY, who, World.USE1, ip, ua,
        obj("userName", h.name, "policyName", "AWSSupportAccess-ops", "policyDocument",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"),
        null, Acts.OK));
    emit(l, call(c, t += 31, Acts.IAM_GET_ACCOUNT_AUTH_DETAILS, who, World.USE1, ip, ua, Acts.OK));
    emit(l, custom(c, t += 60, Acts.IAM_CREATE_USER, who, World.USE1, ip, ua, obj("userName", backdoor),
        obj("user", obj("path", "/", "userName", backdoor, "userId", "AIDA" + r.base32(17), "arn", backdoorArn,
            "createDate", Json.awsDate(t))), Acts.OK));
    emit(l, custom(c, t += 12, Acts.IAM_CREATE_LOGIN_PROFILE, who, World.USE1, ip, ua,
        obj("userName", backdoor, "passwordResetRequired", false),
        obj("loginProfile", obj("userName", backdoor, "createDate", Json.awsDate(t), "passwordResetRequired", false)),
        Acts.OK));
    emit(l, custom(c, t += 10, Acts.IAM_ATTACH_USER_POLICY, who, World.USE1, ip, ua,
        obj("userName", backdoor, "policyArn", admin), null, Acts.OK));
    emit(l, custom(c, t += 18, Acts.IAM_CREATE_ACCESS_KEY, who, World.USE1, ip, ua, obj("userName", backdoor),
        obj("accessKey", obj("userName", backdoor, "accessKeyId", backdoorKey, "status", "Active",
            "createDate", Json.awsDate(t))), Acts.OK));
    emit(l, call(c, t += 22, Acts.IAM_LIST_USERS, who, World.USE1, ip, ua, Acts.OK));
    l.description = "bruno's long-term key, used from Tor exit " + ip + ", attached AdministratorAccess to "
        + "itself, added an inline Allow * policy, and created backdoor user " + backdoor
        + " with a console password, admin rights and an access key.";
  }

  private void secretsMassRetrieval() {
    int d = pickDay(false, WARM_UP_DAYS);
    Role role = w.role(World.PROD, "orders-api");
    Session s = role.sessions.get(0);
    Rng r = Rng.of(seed, "inc", "secrets");
    Ctx c = ctx(r, role.acct, role.name);
    String ip = r.ipIn(World.HOSTING_5_188);
    long t = dayStart(d) + 3 * 3600 + r.nextInt(7200);
    Identity first = role.identityAt(s, t);
    Label l = incident("secrets_mass_retrieval").credential(role.arn, first.accessKeyId, first.arn, role.acct.id);
    emit(l, call(c, t, Acts.STS_GET_CALLER_IDENTITY, first, s.region, ip, UA_SECRETS, Acts.OK));
    emit(l, call(c, t += 4, Acts.SM_LIST_SECRETS, first, s.region, ip, UA_SECRETS, Acts.OK));
    List<String> secrets = new ArrayList<>(role.acct.secrets);
    for (int i = secrets.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String x = secrets.get(i);
      secrets.set(i, secrets.get(j));
      secrets.set(j, x);
    }
    int n = 32 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      t += 2 + r.nextInt(8);
      Identity who = role.identityAt(s, t);
      emit(l, custom(c, t, Acts.SM_GET_SECRET, who, s.region, ip, UA_SECRETS, obj("secretId", secrets.get(i)),
          null, r.chance(0.08) ? Acts.DENIED : Acts.OK));
    }
    l.description = "Temporary credentials of the orders-api ECS task role were used from outside AWS ("
        + ip + ") to list secrets and call GetSecretValue on " + n + " distinct secrets within minutes; "
        + "the role normally reads one secret.";
  }

  private void loggingTampering() {
    int d = pickDay(false, WARM_UP_DAYS);
    Human h = w.human("daniel");
    Rng r = Rng.of(seed, "inc", "logging");
    Ctx c = ctx(r, h.acct, h.name);
    String ip = r.ipIn(World.HOSTING_91_92);
    long t = dayStart(d) + r.nextInt(4 * 3600);
    Identity who = h.keyIdentity(h.keyAt(t));
    Label l = incident("logging_tampering").credential(who.accessKeyId, who.accessKeyId, h.arn, h.acct.id);
    String ua = UA_LEAKED;
    String trail = h.acct.trailName;
    String trailArn = "arn:aws:cloudtrail:us-east-1:" + h.acct.id + ":trail/" + trail;
    emit(l, call(c, t, Acts.STS_GET_CALLER_IDENTITY, who, World.USE1, ip, ua, Acts.OK));
    emit(l, call(c, t += 11, Acts.CT_DESCRIBE_TRAILS, who, World.USE1, ip, ua, Acts.OK));
    emit(l, call(c, t += 6, Acts.CT_DESCRIBE_TRAILS, who, World.EUW1, ip, ua, Acts.OK));
    emit(l, call(c, t += 9, Acts.CT_GET_TRAIL_STATUS, who, World.USE1, ip, ua, Acts.OK));
    emit(l, call(c, t += 7, Acts.CT_GET_EVENT_SELECTORS, who, World.USE1, ip, ua, Acts.OK));
    Object selectors = arr(obj("readWriteType", "WriteOnly", "includeManagementEvents", false,
        "dataResources", arr(), "excludeManagementEventSources", arr()));
    emit(l, custom(c, t += 40, Acts.CT_PUT_EVENT_SELECTORS, who, World.USE1, ip, ua,
        obj("trailName", trail, "eventSelectors", selectors), obj("trailARN", trailArn, "eventSelectors", selectors),
        Acts.OK));
    emit(l, custom(c, t += 30, Acts.CT_STOP_LOGGING, who, World.USE1, ip, ua, obj("name", trailArn), null,
        Acts.OK));
    emit(l, call(c, t += 20, Acts.GD_LIST_DETECTORS, who, World.EUW1, ip, ua, Acts.DENIED));
    emit(l, custom(c, t += 45, Acts.CT_DELETE_TRAIL, who, World.USE1, ip, ua, obj("name", trail), null, Acts.OK));
    l.description = "daniel's long-term key, used at night from hosting address " + ip + ", switched trail "
        + trail + " to write-only data events, stopped logging and deleted the trail.";
  }

  private void enumerationBurst() {
    int d = pickDay(false, WARM_UP_DAYS);
    Role role = w.role(World.PROD, "log-shipper");
    Session s = role.sessions.get(0);
    Rng r = Rng.of(seed, "inc", "enumeration");
    Ctx c = ctx(r, role.acct, role.name);
    long t = dayStart(d) + 9 * 3600 + r.nextInt(8 * 3600);
    Identity first = role.identityAt(s, t);
    Label l = incident("enumeration_burst").credential(role.arn, first.accessKeyId, first.arn, role.acct.id);
    Set<Act> allowed = Set.of(Acts.STS_GET_CALLER_IDENTITY, Acts.LOGS_DESCRIBE_LOG_GROUPS, Acts.S3_LIST_BUCKETS,
        Acts.EC2_DESCRIBE_INSTANCES, Acts.EC2_DESCRIBE_REGIONS, Acts.EC2_DESCRIBE_VPCS, Acts.EC2_DESCRIBE_SUBNETS,
        Acts.EC2_DESCRIBE_SG, Acts.EC2_DESCRIBE_VOLUMES, Acts.EC2_DESCRIBE_IMAGES, Acts.S3_GET_BUCKET_ACL);
    int n = 300 + r.nextInt(150);
    long span = 2400 + r.nextInt(900);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = t + (long) (r.nextDouble() * span);
    }
    java.util.Arrays.sort(times);
    for (int i = 0; i < n; i++) {
      Act a = i < Acts.ENUMERATION.size() ? Acts.ENUMERATION.get(i) : r.pick(Acts.ENUMERATION);
      Identity who = role.identityAt(s, times[i]);
      String region = r.chance(0.8) ? s.region : World.USE1;
      emit(l, call(c, times[i], a, who, region, s.ip, UA_KALI, allowed.contains(a) ? Acts.OK : Acts.DENIED));
    }
    l.description = "The log-shipper instance role, from its own instance address, made " + n
        + " List/Describe/Get calls across " + "dozens of services within an hour with a Kali Linux boto3 "
        + "client; most were AccessDenied.";
  }

  private void dormantCredential() {
    if (dormantLastDay < 0) {
      return;
    }
    int d = pickDay(false, Math.max(WARM_UP_DAYS, dormantLastDay + DORMANT_GAP_DAYS + 1));
    if (d < 0) {
      return;
    }
    Human h = w.human("svc-reporting");
    Rng r = Rng.of(seed, "inc", "dormant");
    Ctx c = ctx(r, h.acct, h.name);
    String ip = r.ipIn(World.VPN_DATACAMP);
    long t = dayStart(d) + 22 * 3600 + r.nextInt(3600);
    Identity who = h.keyIdentity(h.keyAt(t));
    Label l = incident("dormant_credential").credential(who.accessKeyId, who.accessKeyId, h.arn, h.acct.id);
    List<Act> acts = List.of(Acts.S3_LIST_BUCKETS, Acts.S3_GET_BUCKET_LOCATION, Acts.S3_GET_BUCKET_POLICY,
        Acts.EC2_DESCRIBE_INSTANCES, Acts.SM_LIST_SECRETS, Acts.IAM_LIST_USERS, Acts.DDB_LIST_TABLES);
    emit(l, call(c, t, Acts.STS_GET_CALLER_IDENTITY, who, World.EUW1, ip, UA_DORMANT, Acts.OK));
    int n = 15 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      t += 30 + r.nextInt(120);
      Act a = r.pick(acts);
      int outcome = a == Acts.IAM_LIST_USERS || a == Acts.SM_LIST_SECRETS ? Acts.DENIED : Acts.OK;
      emit(l, call(c, t, a, who, World.EUW1, ip, UA_DORMANT, outcome));
    }
    l.description = "The key of legacy user svc-reporting, unused for " + (d - dormantLastDay)
        + " days, came back at night from VPN address " + ip + " with a different client.";
  }

  private void llmjacking() {
    int d = pickDay(false, WARM_UP_DAYS);
    Human h = w.human("elena");
    Rng r = Rng.of(seed, "inc", "llmjacking");
    Ctx c = ctx(r, h.acct, h.name);
    String ip = r.ipIn(World.HOSTING_45_148);
    String region = World.USW2;
    long t = dayStart(d) + r.nextInt(20 * 3600);
    Identity who = h.keyIdentity(h.keyAt(t));
    Label l = incident("llmjacking").credential(who.accessKeyId, who.accessKeyId, h.arn, h.acct.id);
    String uaCtl = UA_BEDROCK.replace("api/bedrock-runtime", "api/bedrock");
    String[] models = {"anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "anthropic.claude-3-opus-20240229-v1:0", "anthropic.claude-3-haiku-20240307-v1:0"};
    emit(l, call(c, t, Acts.STS_GET_CALLER_IDENTITY, who, region, ip, UA_BEDROCK, Acts.OK));
    emit(l, call(c, t += 3, Acts.BEDROCK_GET_LOGGING, who, region, ip, uaCtl, Acts.OK));
    emit(l, call(c, t += 2, Acts.BEDROCK_LIST_MODELS, who, region, ip, uaCtl, Acts.OK));
    for (String m : new String[] {models[0], models[2]}) {
      emit(l, custom(c, t += 2, Acts.BEDROCK_GET_AVAILABILITY, who, region, ip, uaCtl, obj("modelId", m),
          null, Acts.OK));
    }
    int n = 150 + r.nextInt(100);
    long span = 2 * 3600 + r.nextInt(3600);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = t + 30 + (long) (r.nextDouble() * span);
    }
    java.util.Arrays.sort(times);
    for (long tt : times) {
      String m = r.pick(models);
      Act a = r.chance(0.6) ? Acts.BEDROCK_INVOKE : Acts.BEDROCK_CONVERSE;
      Event e = custom(c, tt, a, who, region, ip, UA_BEDROCK, obj("modelId", m), null, Acts.OK);
      if (r.chance(0.04)) {
        e.errorCode = r.chance(0.5) ? "ThrottlingException" : "ValidationException";
        e.errorMessage = e.errorCode.equals("ThrottlingException") ? "Too many requests, please wait before "
            + "trying again." : "Input is too long for requested model.";
      }
      emit(l, e);
    }
    l.description = "elena's long-term key, used from hosting address " + ip + " in " + region
        + " (a region the key never used), checked Bedrock invocation logging, listed models and then made "
        + n + " InvokeModel/Converse calls to Claude models.";
  }

  private void impossibleTravel() {
    int d = pickDay(true, WARM_UP_DAYS);
    Human h = w.human("ines");
    Rng r = Rng.of(seed, "inc", "travel");
    Ctx c = ctx(r, h.acct, h.name);
    long t = start.plusDays(d).atTime(10, 0).atZone(h.zone).toEpochSecond() + r.nextInt(4 * 3600);
    String home = h.officeIps[0];
    String far = r.ipIn(World.SINGAPORE_ISP);
    c.time = t;
    Event login = Background.consoleLogin(c, h, home);
    String asia = "ASIA" + r.base32(16);
    Identity session = Identity.iamUserSession(h.acct.id, h.principalId, h.arn, h.name, asia, t, true);
    Label l = incident("impossible_travel").credential(h.arn, asia, h.arn, h.acct.id);
    emit(l, login);
    for (int i = 0; i < 6; i++) {
      t += 30 + r.nextInt(90);
      Event e = call(c, t, h.mix.pick(r), session, h.primary, home, World.UA_CONSOLE, Acts.OK);
      e.fromConsole = true;
      emit(l, e);
    }
    t += 360 + r.nextInt(180);
    List<Act> acts = List.of(Acts.EC2_DESCRIBE_INSTANCES, Acts.S3_LIST_BUCKETS, Acts.IAM_LIST_USERS,
        Acts.SM_LIST_SECRETS, Acts.EC2_DESCRIBE_SG, Acts.IAM_LIST_ACCESS_KEYS, Acts.LAMBDA_LIST_FUNCTIONS);
    for (int i = 0; i < 12; i++) {
      t += 20 + r.nextInt(90);
      String region = i % 4 == 3 ? "ap-southeast-1" : h.primary;
      Act a = r.pick(acts);
      Event e = call(c, t, a, session, region, far, World.UA_CONSOLE,
          a == Acts.IAM_LIST_USERS || a == Acts.IAM_LIST_ACCESS_KEYS ? Acts.DENIED : Acts.OK);
      e.fromConsole = true;
      emit(l, e);
    }
    l.description = "ines's console session was used from her usual address " + home + " and, minutes "
        + "later, from " + far + " in Singapore: the same session key " + asia + " on two continents.";
  }

  private void volumeSpike() {
    int d = pickDay(false, WARM_UP_DAYS);
    Role role = w.role(World.PROD, "media-processor");
    Label l = incident("volume_spike").credential(role.arn, null, role.arn, role.acct.id);
    role.boosts.put(d, new World.Boost(20, "GetObject", 0, 24));
    role.tags.add(new World.Tag(dayStart(d), dayStart(d) + 86400, "GetObject", null, l));
    l.description = "Role media-processor read about 20x its usual number of S3 objects (GetObject) on "
        + start.plusDays(d) + ", from its usual instances and addresses.";
  }

  // ---------------------------------------------------------------------------------------------
  // Confounders

  private void regionRollout() {
    int d = pickDay(true, WARM_UP_DAYS);
    for (Role role : w.roles) {
      if (!role.name.equals("deploy-pipeline")) {
        continue;
      }
      Label l = confounder("region_rollout").credential(role.arn, null, role.arn, role.acct.id);
      role.extraRegionsFrom.put(World.EUC1, dayStart(d));
      role.tags.add(new World.Tag(dayStart(d), dayStart(d) + 86400, null, World.EUC1, l));
      l.description = "Planned rollout: every deploy-pipeline role (" + role.acct.name + " account) started "
          + "deploying to " + World.EUC1 + " on " + start.plusDays(d) + ", the same day as the others.";
    }
  }

  private void newEmployee() {
    int d = pickDay(true, WARM_UP_DAYS);
    Human admin = w.human("hugo");
    Human newbie = w.human("oliver");
    Rng r = Rng.of(seed, "ben", "new-employee");
    Ctx c = ctx(r, admin.acct, admin.name);
    long t = start.plusDays(d).atTime(9, 0).atZone(admin.zone).toEpochSecond() + r.nextInt(1800);
    Identity who = admin.keyIdentity(admin.keyAt(t));
    String key = newbie.keys.get(0).key();
    Label l = confounder("new_employee").credential(key, key, newbie.arn, newbie.acct.id);
    l.relatedCredentials.add(who.accessKeyId);
    String ip = admin.officeIps[0];
    emit(l, custom(c, t, Acts.IAM_CREATE_USER, who, World.USE1, ip, admin.ua, obj("userName", newbie.name),
        obj("user", obj("path", "/", "userName", newbie.name, "userId", newbie.principalId, "arn", newbie.arn,
            "createDate", Json.awsDate(t))), Acts.OK));
    emit(l, custom(c, t += 40, Acts.IAM_ADD_USER_TO_GROUP, who, World.USE1, ip, admin.ua,
        obj("groupName", "developers", "userName", newbie.name), null, Acts.OK));
    emit(l, custom(c, t += 35, Acts.IAM_CREATE_ACCESS_KEY, who, World.USE1, ip, admin.ua,
        obj("userName", newbie.name), obj("accessKey", obj("userName", newbie.name, "accessKeyId", key,
            "status", "Active", "createDate", Json.awsDate(t))), Acts.OK));
    newbie.activeFrom = t + 1800;
    newbie.tags.add(new World.Tag(newbie.activeFrom, dayStart(d) + 7 * 86400L, null, null, l));
    l.description = "Admin hugo created user oliver (new employee) on " + start.plusDays(d) + ", added him to "
        + "developers and created his key; oliver then worked office hours from the Berlin office. "
        + "Labelled: the creation calls and oliver's first week.";
  }

  private void keyRotation() {
    int d = pickDay(true, WARM_UP_DAYS);
    Human h = w.human("greta");
    Rng r = Rng.of(seed, "ben", "rotation");
    Ctx c = ctx(r, h.acct, h.name);
    long t = start.plusDays(d).atTime(10, 0).atZone(h.zone).toEpochSecond() + r.nextInt(3600);
    String oldKey = h.keyAt(t);
    String newKey = "AKIA" + r.base32(16);
    Label l = confounder("key_rotation").credential(newKey, newKey, h.arn, h.acct.id);
    l.relatedCredentials.add(oldKey);
    String ip = h.officeIps[0];
    emit(l, custom(c, t, Acts.IAM_CREATE_ACCESS_KEY, h.keyIdentity(oldKey), World.USE1, ip, h.ua, null,
        obj("accessKey", obj("userName", h.name, "accessKeyId", newKey, "status", "Active",
            "createDate", Json.awsDate(t))), Acts.OK));
    long switchAt = t + 900;
    h.keys.add(new World.KeyPeriod(switchAt, newKey));
    Identity fresh = h.keyIdentity(newKey);
    emit(l, call(c, switchAt, Acts.STS_GET_CALLER_IDENTITY, fresh, h.primary, ip, h.ua, Acts.OK));
    emit(l, custom(c, t + 7200, Acts.IAM_UPDATE_ACCESS_KEY, fresh, World.USE1, ip, h.ua,
        obj("accessKeyId", oldKey, "status", "Inactive", "userName", h.name), null, Acts.OK));
    emit(l, custom(c, t + 7800, Acts.IAM_DELETE_ACCESS_KEY, fresh, World.USE1, ip, h.ua,
        obj("accessKeyId", oldKey, "userName", h.name), null, Acts.OK));
    h.tags.add(new World.Tag(switchAt, dayStart(d) + 86400, null, null, l));
    l.description = "greta rotated her own key: CreateAccessKey for herself, the new key " + newKey
        + " used from her usual address, the old key deactivated and deleted two hours later.";
  }
}
