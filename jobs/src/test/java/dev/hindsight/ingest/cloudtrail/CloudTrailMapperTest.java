package dev.hindsight.ingest.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.ingest.EventRow;
import org.junit.jupiter.api.Test;

class CloudTrailMapperTest {
  static Object[] map(String identity, String extra) throws Exception {
    JsonNode r = CloudTrailParser.MAPPER.readTree("{\"eventID\":\"e\",\"eventTime\":\"2026-01-01T00:00:00Z\","
        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"us-east-1\","
        + "\"recipientAccountId\":\"111122223333\"" + (identity == null ? "" : ",\"userIdentity\":" + identity)
        + extra + "}");
    Object[] v = EventRow.create();
    assertThat(CloudTrailMapper.map(r, v)).isNull();
    return v;
  }

  @Test
  void aLongTermKeyIsItsOwnCredential() throws Exception {
    Object[] v = map("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"userName\":\"alice\","
        + "\"accessKeyId\":\"AKIAEXAMPLE000000001\"}", "");
    assertThat(v[EventRow.CREDENTIAL_ID]).isEqualTo("AKIAEXAMPLE000000001");
    assertThat(v[EventRow.CREDENTIAL_TYPE]).isEqualTo("access_key");
    assertThat(v[EventRow.PRINCIPAL]).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(v[EventRow.PRINCIPAL_NAME]).isEqualTo("alice");
    assertThat(v[EventRow.OUTCOME]).isEqualTo("success");
  }

  @Test
  void aRoleSessionBelongsToItsIssuingRoleAndKeepsTheKey() throws Exception {
    Object[] v = map("{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Deploy/i-0abc\","
        + "\"accessKeyId\":\"ASIAEXAMPLE000000001\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
        + "\"arn\":\"arn:aws:iam::111122223333:role/Deploy\",\"userName\":\"Deploy\"},"
        + "\"attributes\":{\"mfaAuthenticated\":\"false\"}}}", "");
    assertThat(v[EventRow.CREDENTIAL_ID]).isEqualTo("arn:aws:iam::111122223333:role/Deploy");
    assertThat(v[EventRow.CREDENTIAL_TYPE]).isEqualTo("role_session");
    assertThat(v[EventRow.ACCESS_KEY_ID]).isEqualTo("ASIAEXAMPLE000000001");
    assertThat(v[EventRow.SESSION_NAME]).isEqualTo("i-0abc");
    assertThat(v[EventRow.MFA_AUTHENTICATED]).isEqualTo(false);
    Object[] noIssuer = map("{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Deploy/s\"}", "");
    assertThat(noIssuer[EventRow.CREDENTIAL_ID]).isEqualTo("arn:aws:iam::111122223333:role/Deploy");
  }

  @Test
  void consoleRootServiceAndFailureAreRecognised() throws Exception {
    Object[] console = map("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\","
        + "\"accessKeyId\":\"ASIAEXAMPLE000000002\"}", ",\"userAgent\":\"console.amazonaws.com\"");
    assertThat(console[EventRow.CREDENTIAL_ID]).isEqualTo("arn:aws:iam::111122223333:user/bob");
    assertThat(console[EventRow.CREDENTIAL_TYPE]).isEqualTo("console_session");
    Object[] root = map("{\"type\":\"Root\",\"arn\":\"arn:aws:iam::111122223333:root\"}",
        ",\"errorCode\":\"AccessDenied\"");
    assertThat(root[EventRow.CREDENTIAL_TYPE]).isEqualTo("root");
    assertThat(root[EventRow.OUTCOME]).isEqualTo("failure");
    assertThat(root[EventRow.ERROR_CODE]).isEqualTo("AccessDenied");
    Object[] service = map("{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}", "");
    assertThat(service[EventRow.CREDENTIAL_ID]).isEqualTo("ec2.amazonaws.com");
    assertThat(service[EventRow.CREDENTIAL_TYPE]).isEqualTo("aws_service");
    Object[] untyped = map("{\"accountId\":\"111122223333\",\"invokedBy\":\"secretsmanager.amazonaws.com\"}", "");
    assertThat(untyped[EventRow.CREDENTIAL_TYPE]).isEqualTo("aws_service");
    Object[] fed = map("{\"type\":\"FederatedUser\",\"arn\":\"arn:aws:sts::111122223333:federated-user/x\","
        + "\"sessionContext\":{\"sessionIssuer\":{\"arn\":\"arn:aws:iam::111122223333:user/carol\",\"userName\":\"carol\"}}}", "");
    assertThat(fed[EventRow.CREDENTIAL_ID]).isEqualTo("arn:aws:iam::111122223333:user/carol");
    assertThat(fed[EventRow.CREDENTIAL_TYPE]).isEqualTo("federated_session");
    Object[] login = map("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\"}",
        ",\"eventType\":\"AwsConsoleSignIn\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"}");
    assertThat(login[EventRow.CREDENTIAL_TYPE]).isEqualTo("console_session");
    assertThat(login[EventRow.OUTCOME]).isEqualTo("failure");
  }

  @Test
  void bedrockModelIdIsTheResource() throws Exception {
    Object[] v = map(null, ",\"requestParameters\":{\"modelId\":\"anthropic.claude-3-5-sonnet-20240620-v1:0\"}");
    assertThat(v[EventRow.RESOURCE]).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1:0");
    assertThat(v[EventRow.CREDENTIAL_TYPE]).isEqualTo("unknown");
    assertThat(CloudTrailMapper.roleArnFromSession("arn:aws:sts::1:assumed-role/a/b")).isEqualTo("arn:aws:iam::1:role/a");
  }
}
