package dev.hindsight.synth;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed cast of the synthetic organisation: three accounts, their resources, the humans with long-term
 * keys, the service roles, and the address ranges everyone calls from. Names and ranges are fixed; key
 * ids, principal ids, instance ids and exact addresses come from the seed.
 */
final class World {
  static final String PROD = "482910375561";
  static final String STAGING = "730335216489";
  static final String SECURITY = "214870963352";

  static final String USE1 = "us-east-1";
  static final String EUW1 = "eu-west-1";
  static final String EUC1 = "eu-central-1";
  static final String USW2 = "us-west-2";

  /** Every commercial region a region sweep walks through. */
  static final List<String> ALL_REGIONS = List.of(
      "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
      "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
      "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2");

  /** Published EC2 ranges per region (the addresses instances, NAT gateways and build hosts egress from). */
  static final Map<String, List<String>> AWS_RANGES = Map.of(
      USE1, List.of("3.80.0.0/12", "54.80.0.0/13", "44.192.0.0/11", "52.20.0.0/14"),
      EUW1, List.of("52.208.0.0/13", "34.240.0.0/13", "3.248.0.0/13", "54.72.0.0/15"),
      EUC1, List.of("3.120.0.0/14", "18.192.0.0/15", "52.28.0.0/16"),
      USW2, List.of("34.208.0.0/12", "44.224.0.0/12", "54.184.0.0/13"),
      "ap-southeast-1", List.of("13.212.0.0/15", "18.136.0.0/16", "54.169.0.0/16"));

  // Office egress ranges (business lines) and residential ISP ranges.
  static final String OFFICE_BERLIN = "217.6.190.32/28";
  static final String OFFICE_LONDON = "81.134.203.0/27";
  static final String OFFICE_NEW_YORK = "38.140.58.64/28";
  static final String DE_TELEKOM = "79.192.0.0/10";
  static final String DE_VODAFONE = "91.64.0.0/14";
  static final String GB_BT = "86.128.0.0/10";
  static final String ES_TELEFONICA = "83.32.0.0/11";
  static final String PL_ORANGE = "83.0.0.0/11";
  static final String FR_ORANGE = "90.0.0.0/9";
  static final String SE_TELIA = "78.64.0.0/12";
  static final String NL_KPN = "77.160.0.0/12";
  static final String US_COMCAST = "73.0.0.0/8";

  // Hosting, VPN and anonymiser ranges the incidents come from.
  static final String HOSTING_45_155 = "45.155.205.0/24";
  static final String TOR_EXIT = "185.220.101.0/24";
  static final String VPN_M247 = "146.70.117.0/24";
  static final String HOSTING_5_188 = "5.188.206.0/24";
  static final String HOSTING_91_92 = "91.92.241.0/24";
  static final String VPN_DATACAMP = "138.199.52.0/24";
  static final String HOSTING_45_148 = "45.148.10.0/24";
  static final String SINGAPORE_ISP = "116.87.0.0/16";

  static final String UA_CONSOLE = "console.amazonaws.com";
  static final String UA_BROWSER_MAC =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/131.0.0.0 Safari/537.36";
  static final String UA_BROWSER_WIN =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

  enum Style { CLI_LINUX, CLI_MAC, BOTO3, TERRAFORM }

  enum RoleKind { ALWAYS_ON, BUILDS, NIGHTLY }

  final long seed;
  final Map<String, Account> accounts = new HashMap<>();
  final List<Account> accountList = new ArrayList<>();
  final List<Human> humans = new ArrayList<>();
  final List<Role> roles = new ArrayList<>();
  final String trailBucket = "org-cloudtrail-logs-" + SECURITY;

  World(long seed) {
    this.seed = seed;
    for (String[] a : new String[][] {{PROD, "prod"}, {STAGING, "staging"}, {SECURITY, "security"}}) {
      Account acct = new Account(a[0], a[1], seed);
      accounts.put(a[0], acct);
      accountList.add(acct);
    }
    defineHumans();
    defineRoles();
  }

  Account account(String id) {
    return accounts.get(id);
  }

  Human human(String name) {
    for (Human h : humans) {
      if (h.name.equals(name)) {
        return h;
      }
    }
    throw new IllegalArgumentException("no human " + name);
  }

  Role role(String account, String name) {
    for (Role r : roles) {
      if (r.name.equals(name) && r.acct.id.equals(account)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no role " + name);
  }

  /** An address in one of the region's EC2 ranges. */
  static String awsIp(Rng rng, String region) {
    List<String> ranges = AWS_RANGES.getOrDefault(region, AWS_RANGES.get(USE1));
    return rng.ipIn(rng.pick(ranges));
  }

  // ---------------------------------------------------------------------------------------------
  // Humans

  private void defineHumans() {
    // name, account, zone, office range (null = remote), home range, primary region, secondary, weight, style
    human("alice", PROD, "Europe/Berlin", OFFICE_BERLIN, DE_TELEKOM, EUW1, null, 1.0, Style.CLI_LINUX);
    human("bruno", PROD, "Europe/Berlin", OFFICE_BERLIN, DE_VODAFONE, EUW1, USE1, 1.2, Style.BOTO3);
    human("chloe", PROD, "Europe/London", OFFICE_LONDON, GB_BT, EUW1, null, 0.8, Style.CLI_MAC).console = true;
    human("daniel", PROD, "Europe/Madrid", null, ES_TELEFONICA, EUW1, null, 0.7, Style.CLI_MAC);
    human("elena", PROD, "Europe/Warsaw", null, PL_ORANGE, EUW1, EUC1, 0.9, Style.TERRAFORM);
    human("farid", PROD, "Europe/Paris", null, FR_ORANGE, EUW1, null, 0.8, Style.CLI_MAC);
    human("greta", PROD, "Europe/Stockholm", null, SE_TELIA, EUW1, null, 0.9, Style.BOTO3);
    Human hugo = human("hugo", PROD, "Europe/Berlin", OFFICE_BERLIN, DE_TELEKOM, EUW1, USE1, 1.0,
        Style.CLI_LINUX);
    hugo.console = true;
    hugo.admin = true;
    human("katja", PROD, "Europe/Berlin", OFFICE_BERLIN, DE_VODAFONE, EUW1, null, 0.6, Style.CLI_LINUX)
        .console = true;
    human("liam", PROD, "America/New_York", OFFICE_NEW_YORK, US_COMCAST, USE1, USW2, 1.0, Style.CLI_MAC)
        .mfaSession = true;
    human("ines", STAGING, "Europe/Amsterdam", null, NL_KPN, EUW1, null, 0.8, Style.CLI_MAC).console = true;
    human("jonas", STAGING, "Europe/Berlin", OFFICE_BERLIN, DE_TELEKOM, EUW1, EUC1, 1.0, Style.CLI_LINUX)
        .mfaSession = true;
    human("maya", STAGING, "America/Los_Angeles", null, US_COMCAST, USE1, USW2, 0.8, Style.BOTO3);
    Human noah = human("noah", SECURITY, "America/New_York", OFFICE_NEW_YORK, US_COMCAST, USE1, EUW1, 0.5,
        Style.CLI_MAC);
    noah.console = true;
    noah.security = true;
    human("olga", SECURITY, "Europe/London", OFFICE_LONDON, GB_BT, EUW1, USE1, 0.5, Style.CLI_LINUX)
        .security = true;
    // A legacy reporting user whose key is only used in the first days (the dormant credential).
    Human rep = human("svc-reporting", PROD, "Europe/Berlin", OFFICE_BERLIN, OFFICE_BERLIN, EUW1, null, 0.6,
        Style.BOTO3);
    rep.homeShare = 0;
    rep.legacy = true;
    // The new employee; only active once the confounder scenario starts them.
    Human oliver = human("oliver", PROD, "Europe/Berlin", OFFICE_BERLIN, DE_VODAFONE, EUW1, null, 0.8,
        Style.CLI_LINUX);
    oliver.activeFrom = Long.MAX_VALUE;
  }

  private Human human(String name, String account, String zone, String office, String home, String primary,
      String secondary, double weight, Style style) {
    Rng r = Rng.of(seed, "human", name);
    Human h = new Human();
    h.name = name;
    h.acct = accounts.get(account);
    h.zone = ZoneId.of(zone);
    h.arn = "arn:aws:iam::" + account + ":user/" + name;
    h.principalId = "AIDA" + r.base32(17);
    h.primary = primary;
    h.secondary = secondary;
    h.weight = weight;
    h.style = style;
    if (office != null) {
      h.officeIps = new String[] {r.ipIn(office), r.ipIn(office)};
    } else {
      // Remote workers: a home line and a co-working / mobile line of the same provider.
      h.officeIps = new String[] {r.ipIn(home)};
    }
    h.homeIps = new String[] {r.ipIn(home)};
    // Office workers are home one day in three; remote workers sometimes work from the second line.
    h.homeShare = office == null ? 0.2 : 0.3;
    h.ua = userAgent(r, style);
    h.keys.add(new KeyPeriod(Long.MIN_VALUE, "AKIA" + r.base32(16)));
    humans.add(h);
    return h;
  }

  static String userAgent(Rng r, Style style) {
    return switch (style) {
      case CLI_LINUX -> r.pick(new String[] {"aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-26-generic "
          + "exe/x86_64.ubuntu.22 prompt/off", "aws-cli/2.17.12 Python/3.11.9 Linux/6.8.0-45-generic "
          + "exe/x86_64.ubuntu.24 prompt/off"});
      case CLI_MAC -> r.pick(new String[] {"aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 "
          + "md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source "
          + "md/prompt#off", "aws-cli/2.17.12 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#x86_64 "
          + "lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off"});
      case BOTO3 -> r.pick(new String[] {"Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.5.0-26-generic "
          + "md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69",
          "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/macos#23.6.0 md/arch#arm64 lang/python#3.12.5 "
              + "md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36"});
      case TERRAFORM -> "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) "
          + "terraform-provider-aws/5.76.0 (+https://registry.terraform.io/providers/hashicorp/aws) "
          + "aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64";
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Roles

  private void defineRoles() {
    Role media = role(PROD, "media-processor", "ec2.amazonaws.com", RoleKind.ALWAYS_ON, 26,
        "aws-sdk-java/2.25.11 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS "
            + "Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy");
    media.ec2Sessions(USE1, 2);
    media.profile = flat(0.15);

    Role orders = role(PROD, "orders-api", "ecs-tasks.amazonaws.com", RoleKind.ALWAYS_ON, 22,
        "aws-sdk-go-v2/1.30.3 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64");
    orders.natSession(USE1);
    orders.natSession(EUW1);
    orders.profile = diurnal(8, 21, 0.35);

    Role logs = role(PROD, "log-shipper", "ec2.amazonaws.com", RoleKind.ALWAYS_ON, 9,
        "aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.0 md/GOOS#linux md/GOARCH#amd64 api/cloudwatchlogs#1.34.2");
    logs.ec2Sessions(EUW1, 1);
    logs.profile = flat(0.1);

    Role billing = role(PROD, "billing-export", "lambda.amazonaws.com", RoleKind.ALWAYS_ON, 4,
        "aws-sdk-js/3.540.0 ua/2.1 os/linux#5.10.209-218.812.amzn2.x86_64 lang/js md/nodejs#20.12.0 "
            + "exec-env/AWS_Lambda_nodejs20.x");
    billing.lambdaSession(USE1, "billing-export");
    billing.profile = flat(0.05);

    role(PROD, "deploy-pipeline", "codebuild.amazonaws.com", RoleKind.BUILDS, 4,
        "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.219-208.866.amzn2.x86_64 exec-env/AWS_ECS_EC2 "
            + "exe/x86_64.amzn.2 prompt/off").buildHome = USE1;

    Role cfgProd = configRole(PROD, 4);
    cfgProd.configSession(USE1);
    cfgProd.configSession(EUW1);

    Role staging = role(STAGING, "staging-app", "ecs-tasks.amazonaws.com", RoleKind.ALWAYS_ON, 10,
        "aws-sdk-go-v2/1.30.3 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64");
    staging.natSession(EUW1);
    staging.profile = diurnal(7, 19, 0.4);

    role(STAGING, "deploy-pipeline", "codebuild.amazonaws.com", RoleKind.BUILDS, 4,
        "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.219-208.866.amzn2.x86_64 exec-env/AWS_ECS_EC2 "
            + "exe/x86_64.amzn.2 prompt/off").buildHome = EUW1;

    Role etl = role(STAGING, "nightly-etl", "ec2.amazonaws.com", RoleKind.NIGHTLY, 7,
        "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 "
            + "lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69");
    etl.buildHome = EUW1;

    configRole(STAGING, 2).configSession(EUW1);

    Role fwd = role(SECURITY, "guardduty-forwarder", "lambda.amazonaws.com", RoleKind.ALWAYS_ON, 2,
        "aws-sdk-nodejs/2.1592.0 linux/v18.19.1 exec-env/AWS_Lambda_nodejs18.x promise");
    fwd.lambdaSession(USE1, "guardduty-forwarder");
    fwd.profile = flat(0.1);

    configRole(SECURITY, 2).configSession(USE1);

    role(SECURITY, "deploy-pipeline", "codebuild.amazonaws.com", RoleKind.BUILDS, 4,
        "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.219-208.866.amzn2.x86_64 exec-env/AWS_ECS_EC2 "
            + "exe/x86_64.amzn.2 prompt/off").buildHome = USE1;
  }

  private Role configRole(String account, double share) {
    Role r = role(account, "AWSServiceRoleForConfig", "config.amazonaws.com", RoleKind.ALWAYS_ON, share,
        "config.amazonaws.com");
    r.arn = "arn:aws:iam::" + account + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
    r.serviceLinked = true;
    r.profile = flat(0.2);
    return r;
  }

  private Role role(String account, String name, String service, RoleKind kind, double share, String ua) {
    Rng r = Rng.of(seed, "role", account, name);
    Role role = new Role(this);
    role.name = name;
    role.acct = accounts.get(account);
    role.arn = "arn:aws:iam::" + account + ":role/" + name;
    role.principalId = "AROA" + r.base32(17);
    role.service = service;
    role.kind = kind;
    role.share = share;
    role.ua = ua;
    role.hash = Rng.mix(seed, "rolehash", account, name);
    roles.add(role);
    return role;
  }

  static double[] flat(double wobble) {
    double[] p = new double[24];
    for (int h = 0; h < 24; h++) {
      p[h] = 1.0 + wobble * Math.sin((h - 9) * Math.PI / 12.0);
    }
    return p;
  }

  /** Busy between from and to (UTC hours), a floor of night traffic otherwise. */
  static double[] diurnal(int from, int to, double night) {
    double[] p = new double[24];
    for (int h = 0; h < 24; h++) {
      p[h] = (h >= from && h < to) ? 1.0 : night;
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------

  static final class Account {
    final String id;
    final String name;
    final long seed;
    final List<String> buckets = new ArrayList<>();
    final String mediaBucket;
    final String derivedBucket;
    final String logBucket;
    final String billingBucket;
    final String artifactBucket;
    final String dataLakeBucket;
    final List<String> tables;
    final List<String> functions;
    final List<String> stacks;
    final List<String> secrets = new ArrayList<>();
    final List<String> queues;
    final List<String> logGroups;
    final List<String> clusters;
    final List<String> services;
    final List<String> params;
    final List<String> repos;
    final List<String> instances = new ArrayList<>();
    final List<String> securityGroups = new ArrayList<>();
    final String trailName;
    private final Map<String, String> kmsKeys = new HashMap<>();

    Account(String id, String name, long seed) {
      this.id = id;
      this.name = name;
      this.seed = seed;
      mediaBucket = name + "-media-ingest-" + id;
      derivedBucket = name + "-media-derived-" + id;
      logBucket = name + "-log-archive-" + id;
      billingBucket = name + "-billing-exports-" + id;
      artifactBucket = name + "-deploy-artifacts-" + id;
      dataLakeBucket = name + "-datalake-" + id;
      buckets.addAll(List.of(mediaBucket, derivedBucket, logBucket, billingBucket, artifactBucket,
          dataLakeBucket, name + "-terraform-state-" + id, name + "-app-config-" + id));
      tables = List.of(name + "-orders", name + "-customers", name + "-inventory", name + "-sessions",
          name + "-invoices");
      functions = List.of("billing-export", "thumbnail-resizer", "orders-webhook", "auth-authorizer",
          "guardduty-forwarder", "report-mailer");
      stacks = List.of("orders-api-" + name, "media-pipeline-" + name, "network-" + name,
          "billing-" + name, "observability-" + name);
      String[] apps = {"orders", "payments", "media", "billing", "auth", "search", "notifications",
          "reporting", "inventory", "shipping", "crm", "analytics", "support", "webhooks"};
      String[] kinds = {"db-password", "api-key", "oauth-client-secret"};
      for (String app : apps) {
        for (String kind : kinds) {
          secrets.add(name + "/" + app + "/" + kind);
        }
      }
      queues = List.of("order-events", "media-jobs", "email-outbox", "billing-runs");
      logGroups = List.of("/ecs/orders-api", "/aws/lambda/billing-export", "/aws/lambda/thumbnail-resizer",
          "/app/media-processor", "/aws/codebuild/deploy-pipeline", "/vpc/flow-logs");
      clusters = List.of(name + "-apps", name + "-batch");
      services = List.of("orders-api", "media-worker", "admin-ui");
      params = List.of("/" + name + "/orders/feature-flags", "/" + name + "/media/max-size",
          "/" + name + "/shared/vpc-id", "/" + name + "/billing/cutoff-day");
      repos = List.of("orders-api", "media-worker", "admin-ui", "billing-export");
      Rng r = Rng.of(seed, "account", id);
      for (int i = 0; i < 12; i++) {
        instances.add("i-0" + r.hex(16));
      }
      for (int i = 0; i < 6; i++) {
        securityGroups.add("sg-0" + r.hex(16));
      }
      trailName = name + "-audit";
    }

    /** The account's customer managed KMS key in a region. */
    String kmsKey(String region) {
      synchronized (kmsKeys) {
        return kmsKeys.computeIfAbsent(region, rg -> Rng.of(seed, "kms", id, rg).uuid());
      }
    }
  }

  record KeyPeriod(long from, String key) {}

  static final class Human {
    String name;
    Account acct;
    ZoneId zone;
    String arn;
    String principalId;
    String primary;
    String secondary;
    double weight;
    Style style;
    String ua;
    String[] officeIps;
    String[] homeIps;
    double homeShare;
    boolean console;
    boolean mfaSession;
    boolean admin;
    boolean security;
    boolean legacy;
    /** Epoch second from which the user exists (new employee); MIN for everyone else. */
    long activeFrom = Long.MIN_VALUE;
    /** If set, the only local dates (epoch days) on which the user works (the dormant key). */
    java.util.Set<Long> onlyDays;
    /** The user's access keys over time, ascending by start. */
    final List<KeyPeriod> keys = new ArrayList<>();
    final List<Tag> tags = new ArrayList<>();
    private final Map<String, Identity> keyIds = new HashMap<>();
    Acts.Mix mix;

    String keyAt(long t) {
      String k = keys.get(0).key();
      for (KeyPeriod p : keys) {
        if (p.from() <= t) {
          k = p.key();
        }
      }
      return k;
    }

    Identity keyIdentity(String key) {
      return keyIds.computeIfAbsent(key, k -> Identity.iamUserKey(acct.id, principalId, arn, name, k));
    }
  }

  /** A session of an always-on role: one instance, task or function, rotating its key about hourly. */
  static final class Session {
    final int idx;
    final String name;
    final String region;
    /** Fixed egress address, or null when each call leaves from a different AWS address (Lambda). */
    final String ip;
    final long offset;
    final long hash;
    final boolean ec2;

    Session(int idx, String name, String region, String ip, long offset, long hash, boolean ec2) {
      this.idx = idx;
      this.name = name;
      this.region = region;
      this.ip = ip;
      this.offset = offset;
      this.hash = hash;
      this.ec2 = ec2;
    }
  }

  static final class Role {
    final World world;
    String name;
    Account acct;
    String arn;
    String principalId;
    String service;
    RoleKind kind;
    double share;
    String ua;
    long hash;
    boolean serviceLinked;
    double[] profile = flat(0);
    String buildHome;
    final List<Session> sessions = new ArrayList<>();
    final List<Tag> tags = new ArrayList<>();
    /** Extra regions deploy builds target from a given epoch day on (region rollout). */
    final Map<String, Long> extraRegionsFrom = new HashMap<>();
    /** Day index -> volume multiplier (monthly batch, volume spike). */
    final Map<Integer, Boost> boosts = new HashMap<>();
    Acts.Mix mix;

    Role(World world) {
      this.world = world;
    }

    private Session add(String sessionName, String region, String ip, boolean ec2) {
      int idx = sessions.size();
      long h = Rng.mix(world.seed, "session", acct.id, name, idx);
      long offset = Math.floorMod(h, 3600L);
      Session s = new Session(idx, sessionName, region, ip, offset, h, ec2);
      sessions.add(s);
      return s;
    }

    void ec2Sessions(String region, int n) {
      Rng r = Rng.of(world.seed, "ec2sessions", acct.id, name);
      for (int i = 0; i < n; i++) {
        add("i-0" + r.hex(16), region, awsIp(r, region), true);
      }
    }

    void natSession(String region) {
      Rng r = Rng.of(world.seed, "natsession", acct.id, name, region);
      add(r.hex(32), region, awsIp(r, region), false);
    }

    void lambdaSession(String region, String function) {
      add(function, region, null, false);
    }

    void configSession(String region) {
      add("AWSConfig-Describe", region, "config.amazonaws.com", false);
    }

    /** Start of key period p of a session: about hourly, with a few minutes of jitter. */
    long boundary(Session s, long p) {
      long j = Math.floorMod(Rng.stafford(s.hash + p * 0x9E3779B97F4A7C15L), 601L) - 300;
      return p * 3600L + s.offset + j;
    }

    long period(Session s, long t) {
      long p = Math.floorDiv(t - s.offset, 3600L);
      if (t < boundary(s, p)) {
        p--;
      } else if (t >= boundary(s, p + 1)) {
        p++;
      }
      return p;
    }

    String keyFor(Session s, long p) {
      return "ASIA" + Rng.of(s.hash, "key", p).base32(16);
    }

    Identity identity(Session s, long p) {
      String invokedBy = serviceLinked ? service : null;
      return Identity.assumedRole(acct.id, arn, principalId, name, s.name, keyFor(s, p), boundary(s, p),
          invokedBy, s.ec2);
    }

    /** The identity of a session at time t (the key the instance held at that moment). */
    Identity identityAt(Session s, long t) {
      return identity(s, period(s, t));
    }
  }

  /** Collects events of one actor in a time range (optionally one action) into a label. */
  record Tag(long from, long to, String action, String region, Label label) {
    boolean matches(Event e) {
      return e.time >= from && e.time < to && (action == null || action.equals(e.name))
          && (region == null || region.equals(e.region));
    }
  }

  record Boost(double factor, String action, int fromHour, int toHour) {}
}
