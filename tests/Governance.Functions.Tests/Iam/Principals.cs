using System.Text.Json.Nodes;
using Governance.Core.Routing;
using O = Governance.Functions.Tests.Iam.IamOrganisation;

namespace Governance.Functions.Tests.Iam;

/// <summary>The principals and resources of <see cref="IamOrganisation"/> the scenarios use.</summary>
public static class Principals
{
    private const string Everything = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public static Caller Function(O org, string handler) => Caller.Session(O.FunctionRoleArn(handler), O.OrgId, org.FunctionPolicies(handler));

    /// <summary>A copier session tagged with <paramref name="sourceAccount"/>, as RegistrySync opens it.</summary>
    public static Caller Copier(O org, string? sourceAccount)
    {
        var role = org.CentralRole("ArtifactCopierRole");
        var caller = Caller.Session(O.CopierRoleArn, O.OrgId, [.. role.Policies.Select(policy => policy.Document)]);
        return sourceAccount is null ? caller : caller with { Tags = new Dictionary<string, string> { ["source-account"] = sourceAccount } };
    }

    public static Caller TeamForwarder(O org, string account, string? orgId = O.OrgId) =>
        Caller.Session($"arn:aws:iam::{account}:role/{O.ForwarderName}", orgId, [.. org.TeamRole("ForwardToCentralRole", account).Policies.Select(policy => policy.Document)]);

    public static Caller CentralForwarder(O org) =>
        Caller.Session(O.CentralForwarderArn, O.OrgId, [.. org.CentralRole("ForwardCentralEventsRole").Policies.Select(policy => policy.Document)]);

    /// <summary>A role allowed everything by its own account (an administrator).</summary>
    public static Caller Admin(string account, string name = "Admin", string? orgId = O.OrgId) =>
        Caller.Session($"arn:aws:iam::{account}:role/{name}", orgId, [JsonNode.Parse(Everything)!.AsObject()]);

    /// <summary>A deployment account's role holding the statements README "Deploy" tells the account to grant.</summary>
    public static Caller DeploymentRole(string account, string? orgId) =>
        Caller.Session($"arn:aws:iam::{account}:role/SageMakerExecution", orgId, [JsonNode.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::@O.ModelBucket@/*"},
              {"Effect":"Allow","Action":"kms:Decrypt","Resource":"@O.ModelBucketKeyArn@","Condition":{"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}}]}
            """.Replace("@O.ModelBucket@", O.ModelBucket, StringComparison.Ordinal).Replace("@O.ModelBucketKeyArn@", O.ModelBucketKeyArn, StringComparison.Ordinal))!.AsObject()]);

    public static Caller RiskManagerSession(O org) =>
        Caller.Session(O.RiskManagerRoleArn, O.OrgId, [.. org.CentralRole("RiskManagerRole").ManagedPolicyArns.Select(_ => org.CentralResourcePolicy("LineageApiInvokePolicy", "PolicyDocument"))]);

    public static Target ReaderRole(O org, string account, string? orgId = O.OrgId) =>
        new($"arn:aws:iam::{account}:role/{O.ReaderName}", account, orgId, org.TeamRole("ReaderRole", account).TrustPolicy);

    public static Target CopierRole(O org) => new(O.CopierRoleArn, O.Central, O.OrgId, org.CentralRole("ArtifactCopierRole").TrustPolicy);

    public static Target TeamObject(O org, string account) =>
        new($"arn:aws:s3:::{O.ArtifactBucket(account)}/models/v1/model.tar.gz", account, O.OrgId, org.ArtifactBucketPolicy(account));

    public static Target TeamBucket(O org, string account) =>
        new($"arn:aws:s3:::{O.ArtifactBucket(account)}", account, O.OrgId, org.ArtifactBucketPolicy(account));

    public static Target TeamKey(O org, string account) => new(O.ArtifactKeyArn(account), account, O.OrgId, org.ArtifactKeyPolicy(account));

    public static Target GovernedCopy(O org, string teamPrefix) =>
        new($"arn:aws:s3:::{O.ModelBucket}/{teamPrefix}/credit-risk/3/model/model.tar.gz", O.Central, O.OrgId, org.CentralResourcePolicy("ModelBucketPolicy", "PolicyDocument"));

    public static Target ModelBucketKey(O org) => new(O.ModelBucketKeyArn, O.Central, O.OrgId, org.CentralResourcePolicy("ModelBucketKey", "KeyPolicy"));

    public static Target Ledger => new(O.TableArn, O.Central, O.OrgId, null);

    public static Target Bus(O org) => new(O.BusArn, O.Central, O.OrgId, org.BusPolicy());

    public static Target LineageRoute(string method, string path) =>
        new($"arn:aws:execute-api:{O.Region}:{O.Central}:{O.ApiId}/$default/{method}/{path}", O.Central, O.OrgId, null);

    public static IReadOnlyList<string> Writers { get; } =
        [HandlerNames.RegistrySync, HandlerNames.DeploymentTrigger, HandlerNames.PipelineMonitor, HandlerNames.ComplianceMonitor, HandlerNames.AuditTrail];
}
