package dev.hindsight.score;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Sensitive-action families, as SQL predicates over events columns (service, action, error_code, request_json).
 * One place, so a reviewer sees exactly what each credential_daily count means.
 */
public final class Families {
  private Families() {}

  public static final List<String> CREDENTIAL_CREATION = List.of("CreateAccessKey", "CreateLoginProfile",
      "CreateUser", "CreateServiceSpecificCredential", "GetFederationToken", "CreateSAMLProvider",
      "CreateOpenIDConnectProvider", "CreateTrustAnchor", "CreateProfile", "UploadSSHPublicKey",
      "UploadSigningCertificate", "CreateApiKey", "CreateServiceAccountKey", "AdminApiKeyCreated", "api_key.created",
      // llm-audit: Anthropic admin and service keys, OpenAI service accounts and invites
      "admin_api_key_created", "service_key_created", "api_key_created", "service_account.created", "invite.sent",
      "org_user_invite_sent",
      // GCP (protoPayload.methodName), Entra audit (activity name), Azure (operation name, matched ignoring case)
      "google.iam.admin.v1.CreateServiceAccountKey", "google.iam.admin.v1.UploadServiceAccountKey",
      "google.iam.admin.v1.CreateServiceAccount", "google.iam.credentials.v1.GenerateAccessToken",
      "google.api.apikeys.v2.ApiKeys.CreateKey", "Add service principal credentials",
      "Update application – Certificates and secrets management", "Add service principal",
      "Microsoft.Storage/storageAccounts/listKeys/action", "Microsoft.Storage/storageAccounts/regenerateKey/action",
      "Microsoft.Web/sites/publishxml/action");

  public static final List<String> PRIVILEGE_CHANGE = List.of("AttachUserPolicy", "AttachRolePolicy",
      "AttachGroupPolicy", "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "CreatePolicyVersion",
      "SetDefaultPolicyVersion", "AddUserToGroup", "UpdateAssumeRolePolicy", "CreateLoginProfile", "UpdateLoginProfile",
      "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary", "SetIamPolicy",
      // llm-audit: role grants and ownership, and the removal of an organisation's IP allowlist
      "role.assignment.created", "role_assignment_granted", "primary_owner_transferred", "ip_allowlist.deleted",
      "ip_allowlist.config.deactivated", "org_ip_restriction_deleted",
      "google.iam.admin.v1.SetIAMPolicy", "google.cloud.resourcemanager.v3.Projects.SetIamPolicy",
      "google.cloud.resourcemanager.v3.Folders.SetIamPolicy", "google.cloud.resourcemanager.v3.Organizations.SetIamPolicy",
      "google.iam.admin.v1.CreateRole", "google.iam.admin.v1.UpdateRole", "storage.setIamPermissions",
      "Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleDefinitions/write",
      "Microsoft.Authorization/elevateAccess/action", "Add member to role", "Add eligible member to role",
      "Add member to role in PIM completed (permanent)", "Add app role assignment to service principal",
      "Add delegated permission grant", "Consent to application");

  public static final List<String> SECRET_READ = List.of("GetSecretValue", "BatchGetSecretValue", "GetParameter",
      "GetParameters", "GetParametersByPath", "AccessSecretVersion",
      "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
      "Microsoft.KeyVault/vaults/secrets/read", "Microsoft.KeyVault/vaults/secrets/getSecret/action",
      "Microsoft.KeyVault/vaults/keys/read");

  public static final List<String> LOGGING_TAMPER = List.of("StopLogging", "DeleteTrail", "UpdateTrail",
      "PutEventSelectors", "PutInsightSelectors", "DeleteFlowLogs", "DeleteLogGroup", "DeleteLogStream",
      "PutRetentionPolicy", "DeleteDetector", "DisassociateFromMasterAccount", "StopConfigurationRecorder",
      "DeleteConfigurationRecorder", "DeleteDeliveryChannel", "DeleteEventDataStore", "StopEventDataStoreIngestion",
      "DisableSecurityHub", "DeleteModelInvocationLoggingConfiguration", "DeleteSink", "UpdateSink",
      "google.logging.v2.ConfigServiceV2.DeleteSink", "google.logging.v2.ConfigServiceV2.UpdateSink",
      "google.logging.v2.ConfigServiceV2.DeleteBucket", "google.logging.v2.ConfigServiceV2.UpdateBucket",
      "google.logging.v2.LoggingServiceV2.DeleteLog", "google.logging.v2.ConfigServiceV2.CreateExclusion",
      "Microsoft.Insights/diagnosticSettings/delete", "Microsoft.Insights/diagnosticSettings/write",
      "Microsoft.Insights/logProfiles/delete", "Microsoft.Insights/activityLogAlerts/delete",
      "Microsoft.Insights/actionGroups/delete", "Microsoft.OperationalInsights/workspaces/delete",
      "Microsoft.Security/securityContacts/delete", "Delete conditional access policy");

  public static final List<String> MODEL_RECON = List.of("GetModelInvocationLoggingConfiguration",
      "ListFoundationModels", "GetFoundationModelAvailability", "ListInferenceProfiles", "GetFoundationModel",
      "ListProvisionedModelThroughputs", "ListCustomModels");

  public static final List<String> MODEL_INVOKE = List.of("InvokeModel", "InvokeModelWithResponseStream",
      "Converse", "ConverseStream", "InvokeAgent", "ApplyGuardrail",
      // proxy (LiteLLM call_type values)
      "completion", "acompletion", "text_completion", "atext_completion", "embedding", "aembedding",
      "image_generation", "aimage_generation", "chat.completions", "responses", "aresponses");

  public static final List<String> DATA_READ = List.of("GetObject", "GetItem", "BatchGetItem", "Query", "Scan",
      "ReceiveMessage", "GetRecords", "SelectObjectContent", "Download", "ExportTable");

  /**
   * action is one of names. Each source's action is the vendor's own operation name: CloudTrail eventName,
   * GCP methodName, Entra activity name exactly; Azure operation names (those with a '/') ignoring case, as
   * Azure itself treats them (the Activity log writes both Microsoft.Authorization/... and MICROSOFT.AUTHORIZATION/...).
   */
  static String in(List<String> names) {
    String exact = names.stream().filter(n -> !n.contains("/")).map(Families::quote)
        .collect(Collectors.joining(", ", "action IN (", ")"));
    List<String> azure = names.stream().filter(n -> n.contains("/")).map(n -> n.toLowerCase(java.util.Locale.ROOT))
        .toList();
    if (azure.isEmpty()) {
      return exact;
    }
    return "(" + exact + " OR lower(action) IN (" + azure.stream().map(Families::quote).collect(Collectors.joining(", "))
        + "))";
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  public static String credentialCreation() {
    return in(CREDENTIAL_CREATION);
  }

  public static String privilegeChange() {
    return in(PRIVILEGE_CHANGE);
  }

  public static String secretRead() {
    return in(SECRET_READ) + " AND outcome = 'success'";
  }

  /** Attempts count too: a failed StopLogging is still someone trying to go dark. */
  public static String loggingTamper() {
    return in(LOGGING_TAMPER);
  }

  public static String modelRecon() {
    return in(MODEL_RECON);
  }

  public static String modelInvoke() {
    return in(MODEL_INVOKE);
  }

  public static String dataRead() {
    return in(DATA_READ);
  }

  public static String discovery() {
    return "(action LIKE 'List%' OR action LIKE 'Describe%' OR action = 'GetCallerIdentity' OR action = 'GetAccountAuthorizationDetails'"
        + " OR (service IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'organizations.amazonaws.com') AND action LIKE 'Get%'))";
  }

  /**
   * Entra sign-in errors that mean a wrong or stolen credential was tried (password spraying, a guessed or
   * revoked client secret), counted with the denials: 50126 invalid user name or password, 50053 account locked
   * or sign-in from a malicious IP, 7000215 invalid client secret, 7000222 expired client secret, 700027 invalid
   * client assertion, 50034 user does not exist.
   */
  static final String ENTRA_CREDENTIAL_FAILURES = "'50126', '50053', '7000215', '7000222', '700027', '50034'";

  public static String accessDenied() {
    return "(error_code LIKE 'AccessDenied%' OR error_code LIKE '%UnauthorizedOperation' OR error_code = 'AuthorizationError'"
        + " OR error_code LIKE 'Forbidden%' OR error_code LIKE 'UnauthorizedAccess%' OR error_code = 'PERMISSION_DENIED'"
        + " OR error_code IN ('AuthorizationFailed', 'LinkedAuthorizationFailed', 'UNAUTHENTICATED')"
        + " OR (source = 'entra-signin' AND error_code IN (" + ENTRA_CREDENTIAL_FAILURES + ")))";
  }

  /**
   * CreateAccessKey for a user other than the caller; a GCP service-account key created for a service account
   * other than the caller's (request name {@code projects/-/serviceAccounts/<email>}); or a vendor key made for
   * someone else, as the llm-audit mapper marks it in response_json (created_for_other: made by a key, or an
   * admin / service key).
   */
  public static String keyForOther() {
    return "((action = 'CreateAccessKey' AND outcome = 'success' AND get_json_object(request_json, '$.userName') IS NOT NULL"
        + " AND get_json_object(request_json, '$.userName') <> coalesce(principal_name, ''))"
        + " OR (action = 'google.iam.admin.v1.CreateServiceAccountKey' AND outcome = 'success'"
        + " AND get_json_object(request_json, '$.name') IS NOT NULL"
        + " AND get_json_object(request_json, '$.name') NOT LIKE concat('%/serviceAccounts/', coalesce(principal, '')))"
        + " OR (outcome = 'success' AND get_json_object(response_json, '$.created_for_other') = 'true'))";
  }

  /**
   * The id of the key a credential-creation event made: CloudTrail's accessKey.accessKeyId, a GCP service-account
   * key (as gcp:key/<id>, the credential_id its use gets), or llm-audit's created_credential_id.
   */
  public static String createdKeyId() {
    return "coalesce(get_json_object(response_json, '$.accessKey.accessKeyId'),"
        + " CASE WHEN action = 'google.iam.admin.v1.CreateServiceAccountKey' THEN concat('gcp:key/',"
        + " nullif(regexp_extract(get_json_object(response_json, '$.name'), '/keys/([^/]+)$', 1), '')) END,"
        + " get_json_object(response_json, '$.created_credential_id'))";
  }
}
