package dev.hindsight.synth;

import static dev.hindsight.synth.Json.arr;
import static dev.hindsight.synth.Json.obj;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of API calls the generator emits: event source, name, read-only and data-event flags,
 * how plausible requestParameters / responseElements / resources look, and how a call fails.
 */
final class Acts {
  private Acts() {}

  /** Fills the variable parts of one call into the context. */
  interface Fill {
    void fill(Ctx c);
  }

  /** Inputs (account, region, time, caller) and outputs (request, response, ...) of one call. */
  static final class Ctx {
    Rng rng;
    World.Account acct;
    String region;
    long time;
    /** The caller's short name (user or role name); some requests name the caller. */
    String self;
    Object req;
    Object resp;
    Object add;
    List<?> res;
    String host;

    void reset() {
      req = null;
      resp = null;
      add = null;
      res = null;
      host = null;
    }
  }

  static final class Act {
    final String svc;
    final String source;
    final String name;
    final boolean readOnly;
    boolean data;
    boolean global;
    String version = "1.08";
    String eventType = "AwsApiCall";
    String endpoint;
    Fill fill;
    String errCode;
    String errMsg;
    final String cli;

    Act(String svc, String name, boolean readOnly, Fill fill) {
      this.svc = svc;
      this.source = svc + ".amazonaws.com";
      this.name = name;
      this.readOnly = readOnly;
      this.fill = fill;
      this.endpoint = svc;
      this.cli = cliName(svc) + "." + kebab(name.replaceAll("\\d{8}(v\\d)?$", ""));
      if (svc.equals("iam") || svc.equals("sts") || svc.equals("s3") || svc.equals("bedrock")) {
        version = "1.09";
      }
    }

    Act global() {
      global = true;
      return this;
    }

    Act data() {
      data = true;
      return this;
    }

    Act err(String code, String msg) {
      errCode = code;
      errMsg = msg;
      return this;
    }

    Act endpoint(String e) {
      endpoint = e;
      return this;
    }

    Act type(String t) {
      eventType = t;
      return this;
    }

    /** IAM action name: ec2:DescribeInstances, lambda:ListFunctions. */
    String iamAction() {
      String prefix = svc.equals("monitoring") ? "cloudwatch" : svc;
      return prefix + ":" + name.replaceAll("\\d{8}(v\\d)?$", "");
    }

    String region(String sessionRegion) {
      return global ? World.USE1 : sessionRegion;
    }

    String host(String region) {
      if (global) {
        return svc.equals("iam") ? "iam.amazonaws.com" : svc + ".amazonaws.com";
      }
      return endpoint + "." + region + ".amazonaws.com";
    }
  }

  private static String cliName(String svc) {
    return switch (svc) {
      case "s3" -> "s3api";
      case "monitoring" -> "cloudwatch";
      case "elasticloadbalancing" -> "elbv2";
      default -> svc;
    };
  }

  static String kebab(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0) {
          b.append('-');
        }
        b.append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  static Act read(String svc, String name, Fill fill) {
    return new Act(svc, name, true, fill);
  }

  static Act write(String svc, String name, Fill fill) {
    return new Act(svc, name, false, fill);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers for request shapes

  static String kmsArn(Ctx c) {
    return "arn:aws:kms:" + c.region + ":" + c.acct.id + ":key/" + c.acct.kmsKey(c.region);
  }

  static String datePath(long t) {
    String d = Json.iso(t);
    return d.substring(0, 4) + "/" + d.substring(5, 7) + "/" + d.substring(8, 10);
  }

  static void s3Object(Ctx c, String bucket, String key, boolean put) {
    String host = bucket + ".s3." + c.region + ".amazonaws.com";
    c.host = host;
    c.req = obj("bucketName", bucket, "Host", host, "key", key);
    int size = 2000 + c.rng.nextInt(4_000_000);
    c.add = obj("SignatureVersion", "SigV4", "CipherSuite", "TLS_AES_128_GCM_SHA256",
        "bytesTransferredIn", put ? size : 0, "AuthenticationMethod", "AuthHeader",
        "bytesTransferredOut", put ? 0 : size);
    c.res = arr(obj("type", "AWS::S3::Object", "ARN", "arn:aws:s3:::" + bucket + "/" + key),
        obj("accountId", c.acct.id, "type", "AWS::S3::Bucket", "ARN", "arn:aws:s3:::" + bucket));
    if (put) {
      c.resp = obj("x-amz-server-side-encryption", "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id",
          kmsArn(c));
    }
  }

  static void s3Bucket(Ctx c, String bucket, String subresource) {
    String host = bucket + ".s3." + c.region + ".amazonaws.com";
    c.host = host;
    c.req = obj("bucketName", bucket, "Host", host, subresource, "");
    c.add = obj("SignatureVersion", "SigV4", "CipherSuite", "TLS_AES_128_GCM_SHA256",
        "bytesTransferredIn", 0, "AuthenticationMethod", "AuthHeader", "bytesTransferredOut", 0);
    c.res = arr(obj("accountId", c.acct.id, "type", "AWS::S3::Bucket", "ARN", "arn:aws:s3:::" + bucket));
  }

  static void ddbItem(Ctx c, String table) {
    c.req = obj("tableName", table, "key", obj("pk", "HIDDEN_DUE_TO_SECURITY_REASONS"));
    c.res = arr(obj("accountId", c.acct.id, "type", "AWS::DynamoDB::Table",
        "ARN", "arn:aws:dynamodb:" + c.region + ":" + c.acct.id + ":table/" + table));
  }

  static void ddbQuery(Ctx c, String table, boolean scan) {
    c.req = scan ? obj("tableName", table, "limit", 1000)
        : obj("tableName", table, "indexName", "by-customer", "limit", 50);
    c.res = arr(obj("accountId", c.acct.id, "type", "AWS::DynamoDB::Table",
        "ARN", "arn:aws:dynamodb:" + c.region + ":" + c.acct.id + ":table/" + table));
  }

  static String queueUrl(Ctx c, String q) {
    return "https://sqs." + c.region + ".amazonaws.com/" + c.acct.id + "/" + q;
  }

  static void sqs(Ctx c, String q, String op) {
    String url = queueUrl(c, q);
    switch (op) {
      case "send" -> {
        c.req = obj("queueUrl", url, "messageBody", "HIDDEN_DUE_TO_SECURITY_REASONS");
        c.resp = obj("mD5OfMessageBody", c.rng.hex(32), "messageId", c.rng.uuid());
      }
      case "receive" -> c.req = obj("queueUrl", url, "maxNumberOfMessages", 10, "waitTimeSeconds", 20);
      default -> c.req = obj("queueUrl", url, "receiptHandle", "HIDDEN_DUE_TO_SECURITY_REASONS");
    }
    c.res = arr(obj("accountId", c.acct.id, "type", "AWS::SQS::Queue",
        "ARN", "arn:aws:sqs:" + c.region + ":" + c.acct.id + ":" + q));
  }

  static String ownSecret(Ctx c) {
    int base = (int) Math.floorMod(Rng.fnv(c.self), (long) c.acct.secrets.size());
    return c.acct.secrets.get((base + c.rng.nextInt(2)) % c.acct.secrets.size());
  }

  static Object ec2Items(String key, String id) {
    return obj("items", arr(obj(key, id)));
  }

  static String stackArn(Ctx c, String stack) {
    return "arn:aws:cloudformation:" + c.region + ":" + c.acct.id + ":stack/" + stack + "/"
        + Rng.of(Rng.fnv(c.acct.id), stack, c.region).uuid();
  }

  // ---------------------------------------------------------------------------------------------
  // EC2

  static final Act EC2_DESCRIBE_INSTANCES = read("ec2", "DescribeInstances",
      c -> c.req = obj("instancesSet", obj(), "filterSet", obj()));
  static final Act EC2_DESCRIBE_SG = read("ec2", "DescribeSecurityGroups",
      c -> c.req = obj("securityGroupSet", obj(), "securityGroupIdSet", obj(), "filterSet", obj()));
  static final Act EC2_DESCRIBE_VPCS = read("ec2", "DescribeVpcs",
      c -> c.req = obj("vpcSet", obj(), "filterSet", obj()));
  static final Act EC2_DESCRIBE_SUBNETS = read("ec2", "DescribeSubnets",
      c -> c.req = obj("subnetSet", obj(), "filterSet", obj()));
  static final Act EC2_DESCRIBE_VOLUMES = read("ec2", "DescribeVolumes",
      c -> c.req = obj("volumeSet", obj(), "filterSet", obj()));
  static final Act EC2_DESCRIBE_IMAGES = read("ec2", "DescribeImages",
      c -> c.req = obj("executableBySet", obj(), "imagesSet", obj(),
          "ownersSet", obj("items", arr(obj("owner", "self"))), "filterSet", obj()));
  static final Act EC2_DESCRIBE_NETWORK_INTERFACES = read("ec2", "DescribeNetworkInterfaces",
      c -> c.req = obj("networkInterfaceIdSet", obj(), "filterSet", obj()));
  static final Act EC2_DESCRIBE_REGIONS = read("ec2", "DescribeRegions",
      c -> c.req = obj("regionSet", obj(), "allRegions", true));
  static final Act EC2_DESCRIBE_KEY_PAIRS = read("ec2", "DescribeKeyPairs",
      c -> c.req = obj("keySet", obj(), "keyPairIdSet", obj(), "filterSet", obj()));
  static final Act EC2_DESCRIBE_SNAPSHOTS = read("ec2", "DescribeSnapshots",
      c -> c.req = obj("snapshotSet", obj(), "ownersSet", obj("items", arr(obj("owner", "self"))),
          "filterSet", obj()));
  static final Act EC2_CREATE_TAGS = write("ec2", "CreateTags", c -> {
    c.req = obj("resourcesSet", ec2Items("resourceId", c.rng.pick(c.acct.instances)),
        "tagSet", obj("items", arr(obj("key", "owner", "value", c.self))));
    c.resp = obj("requestId", c.rng.uuid(), "_return", true);
  });
  static final Act EC2_START = write("ec2", "StartInstances", c -> {
    String i = c.rng.pick(c.acct.instances);
    c.req = obj("instancesSet", ec2Items("instanceId", i));
    c.resp = obj("requestId", c.rng.uuid(), "instancesSet", obj("items", arr(obj("instanceId", i,
        "currentState", obj("code", 0, "name", "pending"), "previousState", obj("code", 80, "name", "stopped")))));
  }).err("Client.IncorrectInstanceState", "The instance is not in a state from which it can be started.");
  static final Act EC2_STOP = write("ec2", "StopInstances", c -> {
    String i = c.rng.pick(c.acct.instances);
    c.req = obj("instancesSet", ec2Items("instanceId", i), "force", false);
    c.resp = obj("requestId", c.rng.uuid(), "instancesSet", obj("items", arr(obj("instanceId", i,
        "currentState", obj("code", 64, "name", "stopping"), "previousState", obj("code", 16, "name", "running")))));
  }).err("Client.IncorrectInstanceState", "The instance is not in a state from which it can be stopped.");
  static final Act EC2_AUTHORIZE_SG = write("ec2", "AuthorizeSecurityGroupIngress", c -> {
    c.req = obj("groupId", c.rng.pick(c.acct.securityGroups), "ipPermissions", obj("items", arr(obj(
        "ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
        "ipRanges", obj("items", arr(obj("cidrIp", "10.20.0.0/16")))))));
    c.resp = obj("requestId", c.rng.uuid(), "_return", true);
  }).err("Client.InvalidPermission.Duplicate", "the specified rule already exists");

  // ---------------------------------------------------------------------------------------------
  // S3

  static final Act S3_LIST_BUCKETS = read("s3", "ListBuckets",
      c -> c.req = obj("Host", "s3.amazonaws.com")).global();
  static final Act S3_GET_BUCKET_POLICY = read("s3", "GetBucketPolicy",
      c -> s3Bucket(c, c.rng.pick(c.acct.buckets), "policy"))
      .err("NoSuchBucketPolicy", "The bucket policy does not exist");
  static final Act S3_GET_BUCKET_LOCATION = read("s3", "GetBucketLocation",
      c -> s3Bucket(c, c.rng.pick(c.acct.buckets), "location"));
  static final Act S3_GET_BUCKET_ACL = read("s3", "GetBucketAcl",
      c -> s3Bucket(c, c.rng.pick(c.acct.buckets), "acl"));
  static final Act S3_GET_BUCKET_ENCRYPTION = read("s3", "GetBucketEncryption",
      c -> s3Bucket(c, c.rng.pick(c.acct.buckets), "encryption"));
  static final Act S3_GET_MEDIA = read("s3", "GetObject",
      c -> s3Object(c, c.acct.mediaBucket, "uploads/" + datePath(c.time) + "/" + c.rng.hex(12) + ".jpg", false))
      .data().err("NoSuchKey", "The specified key does not exist.");
  static final Act S3_HEAD_MEDIA = read("s3", "HeadObject",
      c -> s3Object(c, c.acct.mediaBucket, "uploads/" + datePath(c.time) + "/" + c.rng.hex(12) + ".jpg", false))
      .data().err("NoSuchKey", "The specified key does not exist.");
  static final Act S3_PUT_DERIVED = write("s3", "PutObject",
      c -> s3Object(c, c.acct.derivedBucket, "thumbs/" + datePath(c.time) + "/" + c.rng.hex(12) + "_640.webp",
          true)).data();
  static final Act S3_PUT_LOGS = write("s3", "PutObject",
      c -> s3Object(c, c.acct.logBucket, "app/" + datePath(c.time) + "/" + c.rng.hex(16) + ".log.gz", true))
      .data();
  static final Act S3_PUT_BILLING = write("s3", "PutObject",
      c -> s3Object(c, c.acct.billingBucket, "exports/" + datePath(c.time) + "/part-" + c.rng.hex(8) + ".parquet",
          true)).data();
  static final Act S3_GET_DATALAKE = read("s3", "GetObject",
      c -> s3Object(c, c.acct.dataLakeBucket, "raw/events/" + datePath(c.time) + "/part-" + c.rng.hex(8)
          + ".parquet", false)).data().err("NoSuchKey", "The specified key does not exist.");
  static final Act S3_PUT_DATALAKE = write("s3", "PutObject",
      c -> s3Object(c, c.acct.dataLakeBucket, "curated/events/" + datePath(c.time) + "/part-" + c.rng.hex(8)
          + ".parquet", true)).data();
  static final Act S3_PUT_ARTIFACT = write("s3", "PutObject",
      c -> s3Object(c, c.acct.artifactBucket, "builds/" + c.rng.hex(40) + "/template.yaml", true)).data();

  // ---------------------------------------------------------------------------------------------
  // IAM (global: logged in us-east-1)

  static final Act IAM_LIST_USERS = read("iam", "ListUsers", c -> { }).global();
  static final Act IAM_GET_USER = read("iam", "GetUser", c -> c.req = obj("userName", c.self)).global();
  static final Act IAM_LIST_ROLES = read("iam", "ListRoles", c -> { }).global();
  static final Act IAM_GET_ROLE = read("iam", "GetRole",
      c -> c.req = obj("roleName", c.rng.pick(new String[] {"media-processor", "orders-api", "log-shipper",
          "billing-export", "deploy-pipeline", "staging-app", "nightly-etl"}))).global()
      .err("NoSuchEntityException", "The role with name legacy-app cannot be found.");
  static final Act IAM_LIST_ATTACHED_ROLE_POLICIES = read("iam", "ListAttachedRolePolicies",
      c -> c.req = obj("roleName", c.rng.pick(new String[] {"media-processor", "orders-api", "deploy-pipeline"})))
      .global();
  static final Act IAM_LIST_ATTACHED_USER_POLICIES = read("iam", "ListAttachedUserPolicies",
      c -> c.req = obj("userName", c.self)).global();
  static final Act IAM_LIST_ACCESS_KEYS = read("iam", "ListAccessKeys",
      c -> c.req = obj("userName", c.self)).global();
  static final Act IAM_GET_ACCOUNT_SUMMARY = read("iam", "GetAccountSummary", c -> { }).global();
  static final Act IAM_LIST_POLICIES = read("iam", "ListPolicies",
      c -> c.req = obj("scope", "Local", "onlyAttached", false)).global();
  static final Act IAM_TAG_ROLE = write("iam", "TagRole",
      c -> c.req = obj("roleName", "deploy-pipeline", "tags", arr(obj("key", "team", "value", "platform"))))
      .global();
  static final Act IAM_CREATE_USER = write("iam", "CreateUser", null).global();
  static final Act IAM_CREATE_ACCESS_KEY = write("iam", "CreateAccessKey", null).global();
  static final Act IAM_UPDATE_ACCESS_KEY = write("iam", "UpdateAccessKey", null).global();
  static final Act IAM_DELETE_ACCESS_KEY = write("iam", "DeleteAccessKey", null).global();
  static final Act IAM_ATTACH_USER_POLICY = write("iam", "AttachUserPolicy", null).global();
  static final Act IAM_PUT_USER_POLICY = write("iam", "PutUserPolicy", null).global();
  static final Act IAM_CREATE_LOGIN_PROFILE = write("iam", "CreateLoginProfile", null).global();
  static final Act IAM_ADD_USER_TO_GROUP = write("iam", "AddUserToGroup", null).global();

  // ---------------------------------------------------------------------------------------------
  // STS, sign-in

  static final Act STS_GET_CALLER_IDENTITY = read("sts", "GetCallerIdentity", c -> { });
  static final Act STS_GET_SESSION_TOKEN = read("sts", "GetSessionToken", null);
  static final Act STS_ASSUME_ROLE = read("sts", "AssumeRole", null);
  static final Act CONSOLE_LOGIN = write("signin", "ConsoleLogin", null).type("AwsConsoleSignIn").global();

  // ---------------------------------------------------------------------------------------------
  // CloudFormation, Lambda, ECS, ECR

  static final Act CFN_DESCRIBE_STACKS = read("cloudformation", "DescribeStacks",
      c -> c.req = obj("stackName", c.rng.pick(c.acct.stacks)))
      .err("ValidationError", "Stack with id legacy-stack does not exist");
  static final Act CFN_LIST_STACKS = read("cloudformation", "ListStacks",
      c -> c.req = obj("stackStatusFilter", arr("CREATE_COMPLETE", "UPDATE_COMPLETE")));
  static final Act CFN_DESCRIBE_STACK_EVENTS = read("cloudformation", "DescribeStackEvents",
      c -> c.req = obj("stackName", c.rng.pick(c.acct.stacks)));
  static final Act CFN_UPDATE_STACK = write("cloudformation", "UpdateStack", c -> {
    String s = c.rng.pick(c.acct.stacks);
    c.req = obj("stackName", s, "usePreviousTemplate", true, "capabilities", arr("CAPABILITY_IAM"));
    c.resp = obj("stackId", stackArn(c, s));
  }).err("ValidationError", "No updates are to be performed.");
  static final Act CFN_CREATE_CHANGE_SET = write("cloudformation", "CreateChangeSet", c -> {
    String s = c.rng.pick(c.acct.stacks);
    String cs = "deploy-" + c.rng.hex(8);
    c.req = obj("stackName", s, "templateURL", "https://" + c.acct.artifactBucket + ".s3.amazonaws.com/builds/"
        + c.rng.hex(40) + "/template.yaml", "capabilities", arr("CAPABILITY_IAM"), "changeSetName", cs,
        "changeSetType", "UPDATE");
    c.resp = obj("id", "arn:aws:cloudformation:" + c.region + ":" + c.acct.id + ":changeSet/" + cs + "/"
        + c.rng.uuid(), "stackId", stackArn(c, s));
  });
  static final Act CFN_CREATE_STACK = write("cloudformation", "CreateStack", c -> {
    String s = c.rng.pick(c.acct.stacks);
    c.req = obj("stackName", s, "templateURL", "https://" + c.acct.artifactBucket + ".s3.amazonaws.com/builds/"
        + c.rng.hex(40) + "/template.yaml", "capabilities", arr("CAPABILITY_IAM"));
    c.resp = obj("stackId", stackArn(c, s));
  });
  static final Act CFN_DESCRIBE_CHANGE_SET = read("cloudformation", "DescribeChangeSet",
      c -> c.req = obj("changeSetName", "deploy-" + c.rng.hex(8), "stackName", c.rng.pick(c.acct.stacks)));
  static final Act CFN_EXECUTE_CHANGE_SET = write("cloudformation", "ExecuteChangeSet",
      c -> c.req = obj("changeSetName", "deploy-" + c.rng.hex(8), "stackName", c.rng.pick(c.acct.stacks)));

  static String functionArn(Ctx c, String f) {
    return "arn:aws:lambda:" + c.region + ":" + c.acct.id + ":function:" + f;
  }

  static final Act LAMBDA_LIST_FUNCTIONS = read("lambda", "ListFunctions20150331", c -> { });
  static final Act LAMBDA_GET_FUNCTION = read("lambda", "GetFunction20150331v2",
      c -> c.req = obj("functionName", c.rng.pick(c.acct.functions)))
      .err("ResourceNotFoundException", "Function not found");
  static final Act LAMBDA_UPDATE_CODE = write("lambda", "UpdateFunctionCode20150331v2", c -> {
    String f = c.rng.pick(c.acct.functions);
    c.req = obj("functionName", f, "s3Bucket", c.acct.artifactBucket, "s3Key", "builds/" + c.rng.hex(40)
        + "/function.zip", "publish", true, "dryRun", false);
    c.resp = obj("functionName", f, "functionArn", functionArn(c, f), "runtime", "nodejs20.x",
        "codeSize", 100_000 + c.rng.nextInt(5_000_000), "state", "Active", "lastUpdateStatus", "InProgress");
  });
  static final Act ECS_LIST_CLUSTERS = read("ecs", "ListClusters", c -> { });
  static final Act ECS_DESCRIBE_SERVICES = read("ecs", "DescribeServices",
      c -> c.req = obj("cluster", c.rng.pick(c.acct.clusters), "services", arr(c.rng.pick(c.acct.services))));
  static final Act ECS_UPDATE_SERVICE = write("ecs", "UpdateService", c -> {
    String svc = c.rng.pick(c.acct.services);
    c.req = obj("cluster", c.acct.clusters.get(0), "service", svc, "forceNewDeployment", true);
    c.resp = obj("service", obj("serviceName", svc, "status", "ACTIVE", "desiredCount", 2,
        "serviceArn", "arn:aws:ecs:" + c.region + ":" + c.acct.id + ":service/" + c.acct.clusters.get(0) + "/" + svc));
  });
  static final Act ECR_DESCRIBE_REPOS = read("ecr", "DescribeRepositories", c -> { }).endpoint("api.ecr");
  static final Act ECR_GET_AUTH_TOKEN = read("ecr", "GetAuthorizationToken", c -> { }).endpoint("api.ecr");

  // ---------------------------------------------------------------------------------------------
  // Logs, CloudWatch

  static final Act LOGS_DESCRIBE_LOG_GROUPS = read("logs", "DescribeLogGroups", c -> c.req = obj("limit", 50));
  static final Act LOGS_DESCRIBE_LOG_STREAMS = read("logs", "DescribeLogStreams",
      c -> c.req = obj("logGroupName", c.rng.pick(c.acct.logGroups), "orderBy", "LastEventTime",
          "descending", true, "limit", 1));
  static final Act LOGS_FILTER_LOG_EVENTS = read("logs", "FilterLogEvents", c -> c.req = obj(
      "logGroupName", c.rng.pick(c.acct.logGroups), "startTime", (c.time - 3600) * 1000, "endTime",
      c.time * 1000, "filterPattern", c.rng.pick(new String[] {"ERROR", "Exception", "timeout", "5xx"})));
  static final Act LOGS_CREATE_LOG_STREAM = write("logs", "CreateLogStream",
      c -> c.req = obj("logGroupName", "/app/media-processor", "logStreamName",
          datePath(c.time) + "/" + c.rng.hex(32)))
      .err("ResourceAlreadyExistsException", "The specified log stream already exists");
  static final Act LOGS_CREATE_LOG_GROUP = write("logs", "CreateLogGroup",
      c -> c.req = obj("logGroupName", "/app/" + c.self + "-" + c.rng.hex(4)));
  static final Act CW_DESCRIBE_ALARMS = read("monitoring", "DescribeAlarms", c -> c.req = obj("maxRecords", 100));
  static final Act CW_GET_METRIC_DATA = read("monitoring", "GetMetricData",
      c -> c.req = obj("startTime", Json.awsDate(c.time - 10800), "endTime", Json.awsDate(c.time),
          "scanBy", "TimestampDescending"));

  // ---------------------------------------------------------------------------------------------
  // DynamoDB, SQS, KMS, Secrets Manager, SSM

  static final Act DDB_DESCRIBE_TABLE = read("dynamodb", "DescribeTable",
      c -> c.req = obj("tableName", c.rng.pick(c.acct.tables)));
  static final Act DDB_LIST_TABLES = read("dynamodb", "ListTables", c -> { });
  static final Act DDB_UPDATE_TABLE = write("dynamodb", "UpdateTable", c -> {
    String t = c.rng.pick(c.acct.tables);
    c.req = obj("tableName", t, "billingMode", "PAY_PER_REQUEST");
    c.resp = obj("tableDescription", obj("tableName", t, "tableStatus", "UPDATING"));
  });
  static final Act DDB_GET_ORDER = read("dynamodb", "GetItem", c -> ddbItem(c, c.acct.tables.get(0))).data();
  static final Act DDB_PUT_ORDER = write("dynamodb", "PutItem", c -> ddbItem(c, c.acct.tables.get(0))).data()
      .err("ConditionalCheckFailedException", "The conditional request failed");
  static final Act DDB_UPDATE_ORDER = write("dynamodb", "UpdateItem", c -> ddbItem(c, c.acct.tables.get(0))).data()
      .err("ConditionalCheckFailedException", "The conditional request failed");
  static final Act DDB_QUERY_ORDERS = read("dynamodb", "Query", c -> ddbQuery(c, c.acct.tables.get(0), false))
      .data();
  static final Act DDB_QUERY_INVOICES = read("dynamodb", "Query", c -> ddbQuery(c, c.acct.tables.get(4), false))
      .data();
  static final Act DDB_SCAN_INVOICES = read("dynamodb", "Scan", c -> ddbQuery(c, c.acct.tables.get(4), true))
      .data();
  static final Act SQS_SEND_ORDERS = write("sqs", "SendMessage", c -> sqs(c, "order-events", "send")).data();
  static final Act SQS_SEND_BILLING = write("sqs", "SendMessage", c -> sqs(c, "billing-runs", "send")).data();
  static final Act SQS_RECEIVE_MEDIA = read("sqs", "ReceiveMessage", c -> sqs(c, "media-jobs", "receive")).data();
  static final Act SQS_DELETE_MEDIA = write("sqs", "DeleteMessage", c -> sqs(c, "media-jobs", "delete")).data();
  static final Act SQS_LIST_QUEUES = read("sqs", "ListQueues", c -> { });
  static final Act KMS_DECRYPT = read("kms", "Decrypt", c -> {
    c.req = obj("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
    c.res = arr(obj("accountId", c.acct.id, "type", "AWS::KMS::Key", "ARN", kmsArn(c)));
  });
  static final Act KMS_GENERATE_DATA_KEY = read("kms", "GenerateDataKey", c -> {
    c.req = obj("keyId", "alias/" + c.acct.name + "-app", "keySpec", "AES_256");
    c.res = arr(obj("accountId", c.acct.id, "type", "AWS::KMS::Key", "ARN", kmsArn(c)));
  });
  static final Act KMS_LIST_KEYS = read("kms", "ListKeys", c -> { });
  static final Act KMS_DESCRIBE_KEY = read("kms", "DescribeKey", c -> {
    c.req = obj("keyId", "alias/" + c.acct.name + "-app");
    c.res = arr(obj("accountId", c.acct.id, "type", "AWS::KMS::Key", "ARN", kmsArn(c)));
  });
  static final Act SM_GET_OWN_SECRET = read("secretsmanager", "GetSecretValue",
      c -> c.req = obj("secretId", ownSecret(c)))
      .err("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  static final Act SM_GET_ORDERS_DB = read("secretsmanager", "GetSecretValue",
      c -> c.req = obj("secretId", c.acct.name + "/orders/db-password"));
  static final Act SM_GET_SECRET = read("secretsmanager", "GetSecretValue", null);
  static final Act SM_LIST_SECRETS = read("secretsmanager", "ListSecrets", c -> c.req = obj("maxResults", 100));
  static final Act SSM_GET_PARAMETER = read("ssm", "GetParameter",
      c -> c.req = obj("name", c.rng.pick(c.acct.params), "withDecryption", true))
      .err("ParameterNotFound", "Parameter not found.");
  static final Act SSM_DESCRIBE_PARAMETERS = read("ssm", "DescribeParameters", c -> c.req = obj("maxResults", 50));
  static final Act SSM_PUT_PARAMETER = write("ssm", "PutParameter", c -> {
    c.req = obj("name", c.rng.pick(c.acct.params), "type", "String", "overwrite", true);
    c.resp = obj("version", 2 + c.rng.nextInt(40), "tier", "Standard");
  });

  // ---------------------------------------------------------------------------------------------
  // Glue, Athena, CloudTrail, GuardDuty, Bedrock, enumeration favourites

  static final Act GLUE_GET_TABLE = read("glue", "GetTable",
      c -> c.req = obj("databaseName", "analytics", "name", c.rng.pick(new String[] {"events", "orders", "sessions"})));
  static final Act GLUE_GET_PARTITIONS = read("glue", "GetPartitions",
      c -> c.req = obj("databaseName", "analytics", "tableName", "events",
          "expression", "dt='" + Json.iso(c.time).substring(0, 10) + "'"));
  static final Act ATHENA_START = write("athena", "StartQueryExecution", c -> {
    c.req = obj("queryString", "INSERT INTO curated.events SELECT * FROM raw.events WHERE dt = '"
        + Json.iso(c.time - 86400).substring(0, 10) + "'", "workGroup", "etl");
    c.resp = obj("queryExecutionId", c.rng.uuid());
  });
  static final Act ATHENA_GET = read("athena", "GetQueryExecution", c -> c.req = obj("queryExecutionId", c.rng.uuid()));

  static String trailArn(Ctx c) {
    return "arn:aws:cloudtrail:us-east-1:" + c.acct.id + ":trail/" + c.acct.trailName;
  }

  static final Act CT_DESCRIBE_TRAILS = read("cloudtrail", "DescribeTrails",
      c -> c.req = obj("trailNameList", arr(), "includeShadowTrails", true));
  static final Act CT_GET_TRAIL_STATUS = read("cloudtrail", "GetTrailStatus", c -> c.req = obj("name", trailArn(c)));
  static final Act CT_GET_EVENT_SELECTORS = read("cloudtrail", "GetEventSelectors",
      c -> c.req = obj("trailName", c.acct.trailName));
  static final Act CT_LOOKUP_EVENTS = read("cloudtrail", "LookupEvents", c -> c.req = obj("maxResults", 50,
      "lookupAttributes", arr(obj("attributeKey", "EventName", "attributeValue",
          c.rng.pick(new String[] {"ConsoleLogin", "CreateAccessKey", "AssumeRole", "StopLogging"})))));
  static final Act CT_STOP_LOGGING = write("cloudtrail", "StopLogging", null);
  static final Act CT_DELETE_TRAIL = write("cloudtrail", "DeleteTrail", null);
  static final Act CT_PUT_EVENT_SELECTORS = write("cloudtrail", "PutEventSelectors", null);

  static String detector(Ctx c) {
    return Rng.of(Rng.fnv(c.acct.id), "detector", c.region).hex(32);
  }

  static final Act GD_LIST_DETECTORS = read("guardduty", "ListDetectors", c -> { });
  static final Act GD_LIST_FINDINGS = read("guardduty", "ListFindings",
      c -> c.req = obj("detectorId", detector(c), "maxResults", 50));
  static final Act GD_GET_FINDINGS = read("guardduty", "GetFindings",
      c -> c.req = obj("detectorId", detector(c), "findingIds", arr(c.rng.hex(32), c.rng.hex(32))));

  static final Act BEDROCK_GET_LOGGING = read("bedrock", "GetModelInvocationLoggingConfiguration", c -> { });
  static final Act BEDROCK_LIST_MODELS = read("bedrock", "ListFoundationModels", c -> { });
  static final Act BEDROCK_GET_AVAILABILITY = read("bedrock", "GetFoundationModelAvailability", null);
  static final Act BEDROCK_INVOKE = read("bedrock", "InvokeModel", null).endpoint("bedrock-runtime");
  static final Act BEDROCK_CONVERSE = read("bedrock", "Converse", null).endpoint("bedrock-runtime");

  static final Act ORG_DESCRIBE = read("organizations", "DescribeOrganization", c -> { }).global();
  static final Act ORG_LIST_ACCOUNTS = read("organizations", "ListAccounts", c -> { }).global();
  static final Act SES_GET_SEND_QUOTA = read("ses", "GetSendQuota", c -> { }).endpoint("email");
  static final Act SES_LIST_IDENTITIES = read("ses", "ListIdentities", c -> c.req = obj("identityType", "Domain"))
      .endpoint("email");
  static final Act SNS_LIST_TOPICS = read("sns", "ListTopics", c -> { });
  static final Act RDS_DESCRIBE_DB_INSTANCES = read("rds", "DescribeDBInstances", c -> { });
  static final Act ELB_DESCRIBE_LOAD_BALANCERS = read("elasticloadbalancing", "DescribeLoadBalancers", c -> { });
  static final Act ROUTE53_LIST_ZONES = read("route53", "ListHostedZones", c -> { }).global();
  static final Act IAM_LIST_GROUPS = read("iam", "ListGroups", c -> { }).global();
  static final Act IAM_GET_ACCOUNT_AUTH_DETAILS = read("iam", "GetAccountAuthorizationDetails", c -> { }).global();

  static final Act KMS_ROTATE_KEY = write("kms", "RotateKey", null).type("AwsServiceEvent");
  static final Act BACKUP_JOB_COMPLETED = write("backup", "BackupJobCompleted", null).type("AwsServiceEvent");

  // ---------------------------------------------------------------------------------------------
  // Mixes

  /** A weighted set of calls an actor makes. */
  static final class Mix {
    final Act[] acts;
    final double[] cum;

    Mix(List<Act> acts, List<Double> weights) {
      this.acts = acts.toArray(new Act[0]);
      this.cum = new double[acts.size()];
      double t = 0;
      for (int i = 0; i < acts.size(); i++) {
        t += weights.get(i);
        cum[i] = t;
      }
    }

    Act pick(Rng r) {
      return acts[r.weighted(cum)];
    }

    double weightOf(String name) {
      double w = 0;
      double prev = 0;
      for (int i = 0; i < acts.length; i++) {
        if (acts[i].name.equals(name)) {
          w += cum[i] - prev;
        }
        prev = cum[i];
      }
      return w / cum[cum.length - 1];
    }
  }

  static Mix fixed(Object... actWeight) {
    List<Act> a = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    for (int i = 0; i < actWeight.length; i += 2) {
      a.add((Act) actWeight[i]);
      w.add(((Number) actWeight[i + 1]).doubleValue());
    }
    return new Mix(a, w);
  }

  private static final Object[] HUMAN_POOL = {
      EC2_DESCRIBE_INSTANCES, 10, EC2_DESCRIBE_SG, 5, EC2_DESCRIBE_VPCS, 3, EC2_DESCRIBE_SUBNETS, 2,
      EC2_DESCRIBE_VOLUMES, 2, EC2_DESCRIBE_IMAGES, 1, S3_GET_BUCKET_POLICY, 2, S3_GET_BUCKET_LOCATION, 2,
      S3_GET_BUCKET_ENCRYPTION, 1, IAM_GET_USER, 1, IAM_LIST_ROLES, 2, IAM_GET_ROLE, 2,
      IAM_LIST_ATTACHED_ROLE_POLICIES, 1, CFN_DESCRIBE_STACKS, 4, CFN_LIST_STACKS, 2, CFN_DESCRIBE_STACK_EVENTS, 2,
      LAMBDA_LIST_FUNCTIONS, 3, LAMBDA_GET_FUNCTION, 2, LOGS_DESCRIBE_LOG_GROUPS, 3, LOGS_FILTER_LOG_EVENTS, 3,
      LOGS_DESCRIBE_LOG_STREAMS, 1, DDB_DESCRIBE_TABLE, 3, DDB_LIST_TABLES, 2, ECS_DESCRIBE_SERVICES, 2,
      ECS_LIST_CLUSTERS, 1, ECR_DESCRIBE_REPOS, 1, KMS_LIST_KEYS, 1, KMS_DESCRIBE_KEY, 1, SM_GET_OWN_SECRET, 1,
      SM_LIST_SECRETS, 1, SSM_GET_PARAMETER, 2, SSM_DESCRIBE_PARAMETERS, 1, CW_DESCRIBE_ALARMS, 2,
      CW_GET_METRIC_DATA, 2, SQS_LIST_QUEUES, 1,
      EC2_CREATE_TAGS, 1.5, EC2_START, 0.6, EC2_STOP, 0.6, EC2_AUTHORIZE_SG, 0.3, LAMBDA_UPDATE_CODE, 0.8,
      CFN_UPDATE_STACK, 0.5, SSM_PUT_PARAMETER, 0.6, DDB_UPDATE_TABLE, 0.2, LOGS_CREATE_LOG_GROUP, 0.2};

  private static final Object[] ADMIN_EXTRA = {
      IAM_LIST_USERS, 3, IAM_LIST_ACCESS_KEYS, 2, IAM_LIST_ATTACHED_USER_POLICIES, 2, IAM_GET_ACCOUNT_SUMMARY, 1,
      IAM_LIST_POLICIES, 1, IAM_TAG_ROLE, 0.5};

  private static final Object[] SECURITY_EXTRA = {
      CT_LOOKUP_EVENTS, 4, CT_DESCRIBE_TRAILS, 2, CT_GET_TRAIL_STATUS, 2, GD_LIST_FINDINGS, 3, GD_GET_FINDINGS, 3,
      GD_LIST_DETECTORS, 1, CT_GET_EVENT_SELECTORS, 1};

  /** A person's own habits: a dozen or so calls drawn from the common pool, with personal weights. */
  static Mix personal(Rng r, boolean admin, boolean security) {
    List<Act> a = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    a.add(STS_GET_CALLER_IDENTITY);
    w.add(3.0);
    a.add(S3_LIST_BUCKETS);
    w.add(4.0 * (0.5 + r.nextDouble()));
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < HUMAN_POOL.length; i += 2) {
      idx.add(i);
    }
    int want = 11 + r.nextInt(6);
    while (a.size() < want + 2 && !idx.isEmpty()) {
      double total = 0;
      for (int i : idx) {
        total += ((Number) HUMAN_POOL[i + 1]).doubleValue();
      }
      double x = r.nextDouble() * total;
      int chosen = idx.get(idx.size() - 1);
      for (int i : idx) {
        x -= ((Number) HUMAN_POOL[i + 1]).doubleValue();
        if (x < 0) {
          chosen = i;
          break;
        }
      }
      idx.remove(Integer.valueOf(chosen));
      a.add((Act) HUMAN_POOL[chosen]);
      w.add(((Number) HUMAN_POOL[chosen + 1]).doubleValue() * (0.4 + 1.6 * r.nextDouble()));
    }
    Object[][] extras = {admin ? ADMIN_EXTRA : new Object[0], security ? SECURITY_EXTRA : new Object[0]};
    for (Object[] extra : extras) {
      for (int i = 0; i < extra.length; i += 2) {
        a.add((Act) extra[i]);
        w.add(((Number) extra[i + 1]).doubleValue() * (0.6 + 0.8 * r.nextDouble()));
      }
    }
    return new Mix(a, w);
  }

  /** What a reconnaissance tool walks through. */
  static final List<Act> ENUMERATION = List.of(
      STS_GET_CALLER_IDENTITY, IAM_LIST_USERS, IAM_LIST_ROLES, IAM_LIST_GROUPS, IAM_LIST_POLICIES,
      IAM_GET_ACCOUNT_AUTH_DETAILS, IAM_GET_ACCOUNT_SUMMARY, IAM_LIST_ACCESS_KEYS, IAM_LIST_ATTACHED_USER_POLICIES,
      S3_LIST_BUCKETS, S3_GET_BUCKET_POLICY, S3_GET_BUCKET_ACL, S3_GET_BUCKET_ENCRYPTION,
      EC2_DESCRIBE_INSTANCES, EC2_DESCRIBE_SG, EC2_DESCRIBE_VPCS, EC2_DESCRIBE_SUBNETS, EC2_DESCRIBE_VOLUMES,
      EC2_DESCRIBE_SNAPSHOTS, EC2_DESCRIBE_IMAGES, EC2_DESCRIBE_KEY_PAIRS, EC2_DESCRIBE_REGIONS,
      LAMBDA_LIST_FUNCTIONS, LAMBDA_GET_FUNCTION, DDB_LIST_TABLES, DDB_DESCRIBE_TABLE, SM_LIST_SECRETS,
      SSM_DESCRIBE_PARAMETERS, KMS_LIST_KEYS, CT_DESCRIBE_TRAILS, CT_GET_TRAIL_STATUS, GD_LIST_DETECTORS,
      ORG_DESCRIBE, ORG_LIST_ACCOUNTS, SES_GET_SEND_QUOTA, SES_LIST_IDENTITIES, SNS_LIST_TOPICS, SQS_LIST_QUEUES,
      RDS_DESCRIBE_DB_INSTANCES, ELB_DESCRIBE_LOAD_BALANCERS, ROUTE53_LIST_ZONES, ECS_LIST_CLUSTERS,
      ECR_DESCRIBE_REPOS, LOGS_DESCRIBE_LOG_GROUPS, CFN_LIST_STACKS, CW_DESCRIBE_ALARMS);

  // ---------------------------------------------------------------------------------------------
  // Making an event

  static final int OK = 0;
  static final int DENIED = 1;
  static final int FAILED = 2;

  /** The user agent as the caller's tool reports it for this call (the AWS CLI names the command). */
  static String ua(String base, Act a) {
    if (base.startsWith("aws-cli/")) {
      return base.contains("ua/2.0") ? base + " md/command#" + a.cli : base + " command/" + a.cli;
    }
    return base;
  }

  static String deniedCode(String svc) {
    return switch (svc) {
      case "ec2" -> "Client.UnauthorizedOperation";
      case "s3", "iam", "sts", "cloudformation", "rds", "elasticloadbalancing", "monitoring", "sqs", "ses",
          "route53", "signin" -> "AccessDenied";
      case "sns" -> "AuthorizationError";
      default -> "AccessDeniedException";
    };
  }

  /**
   * One call: the region is the session region (global calls go to us-east-1), time and caller come from
   * the context. {@code outcome} is {@link #OK}, {@link #DENIED} or {@link #FAILED}.
   */
  static Event make(Ctx c, Act a, Identity who, String sessionRegion, String ip, String uaBase, int outcome) {
    c.reset();
    c.region = a.region(sessionRegion);
    if (a.fill != null) {
      a.fill.fill(c);
    }
    return finish(c, a, who, ip, uaBase, outcome);
  }

  /** Like {@link #make} when the caller has already put request/response into the context. */
  static Event finish(Ctx c, Act a, Identity who, String ip, String uaBase, int outcome) {
    Event e = new Event();
    e.time = c.time;
    e.who = who;
    e.eventVersion = a.version;
    e.source = a.source;
    e.name = a.name;
    e.region = c.region;
    e.ip = ip;
    e.userAgent = ua(uaBase, a);
    e.request = c.req;
    e.response = c.resp;
    e.additional = c.add;
    e.resources = c.res;
    e.readOnly = a.readOnly;
    e.eventType = a.eventType;
    e.management = !a.data;
    e.category = a.data ? "Data" : "Management";
    e.recipient = c.acct.id;
    e.requestId = a.svc.equals("s3") ? c.rng.upperHex(16) : c.rng.uuid();
    e.eventId = c.rng.uuid();
    if (!ip.endsWith(".amazonaws.com") && !ip.equals("AWS Internal")) {
      e.tlsHost = c.host != null ? c.host : a.host(c.region);
    }
    if (outcome == DENIED) {
      e.errorCode = deniedCode(a.svc);
      String action = a.iamAction();
      String caller = who.arn != null ? who.arn : who.invokedBy;
      if (a.svc.equals("ec2")) {
        e.errorMessage = "You are not authorized to perform this operation. User: " + caller
            + " is not authorized to perform: " + action + " because no identity-based policy allows the "
            + action + " action";
      } else {
        String resource = a.global || a.svc.equals("s3")
            ? "arn:aws:" + a.svc + "::" + c.acct.id + ":*"
            : "arn:aws:" + a.svc + ":" + c.region + ":" + c.acct.id + ":*";
        e.errorMessage = "User: " + caller + " is not authorized to perform: " + action + " on resource: "
            + resource + " because no identity-based policy allows the " + action + " action";
      }
      e.response = null;
      e.additional = a.svc.equals("s3") ? e.additional : null;
    } else if (outcome == FAILED) {
      if (a.errCode != null) {
        e.errorCode = a.errCode;
        e.errorMessage = a.errMsg;
      } else if (a.svc.equals("ec2")) {
        e.errorCode = "Client.RequestLimitExceeded";
        e.errorMessage = "Request limit exceeded.";
      } else {
        e.errorCode = "ThrottlingException";
        e.errorMessage = "Rate exceeded";
      }
      e.response = null;
    }
    return e;
  }
}
