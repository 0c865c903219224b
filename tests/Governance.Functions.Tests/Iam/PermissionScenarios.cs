using System.Text.Json.Nodes;
using Governance.Core.Routing;
using static Governance.Functions.Tests.Iam.Principals;
using O = Governance.Functions.Tests.Iam.IamOrganisation;

namespace Governance.Functions.Tests.Iam;

/// <summary>One question put to the IAM engine, the answer AWS must give, and why.</summary>
public sealed record PermissionScenario(string Name, bool Allowed, string Why, Func<O, JsonObject> Build)
{
    public override string ToString() => Name;
}

/// <summary>Every permission the product relies on or rules out, across both templates.</summary>
public static class PermissionScenarios
{
    private static readonly Dictionary<string, JsonNode> ViaS3 = new() { ["kms:ViaService"] = $"s3.{O.Region}.amazonaws.com", ["kms:CallerAccount"] = O.Central };

    public static IReadOnlyList<PermissionScenario> All { get; } = [.. CrossAccount(), .. Central()];

    public static PermissionScenario Named(string name) => All.Single(scenario => scenario.Name == name);

    private static IEnumerable<PermissionScenario> CrossAccount()
    {
        yield return new("RegistrySync assumes team A's reader role", true, "its AssumeTeamReaderRole statement (resource in the organisation) and the reader role's trust naming it",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "sts:AssumeRole", ReaderRole(org, O.TeamA)));
        foreach (var other in new[] { HandlerNames.DeploymentTrigger, HandlerNames.PipelineMonitor, HandlerNames.ComplianceMonitor, HandlerNames.AuditTrail, HandlerNames.LineageApi, "LedgerAnchor" })
        {
            yield return new($"{other} assumes team A's reader role", false, "neither its policy nor the reader role's trust names it",
                org => IamRequest.Build(Function(org, other), "sts:AssumeRole", ReaderRole(org, O.TeamA)));
        }

        yield return new("RegistrySync assumes another role of team A", false, "its policy names only roles called ReaderRoleName",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "sts:AssumeRole", new Target($"arn:aws:iam::{O.TeamA}:role/TeamAdmin", O.TeamA, O.OrgId,
                O.Policy(JsonNode.Parse("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::@O.Central@:root"},"Action":"sts:AssumeRole"}""".Replace("@O.Central@", O.Central, StringComparison.Ordinal))))));
        yield return new("RegistrySync assumes a reader role outside the organisation", false, "aws:ResourceOrgID must be the organisation, even when that role trusts RegistrySync",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "sts:AssumeRole", ReaderRole(org, O.Outsider, O.OtherOrgId)));

        var tagA = new Dictionary<string, JsonNode> { ["aws:RequestTag/source-account"] = O.TeamA, ["aws:TagKeys"] = new JsonArray("source-account") };
        yield return new("RegistrySync opens a copier session tagged with team A", true, "the copier's trust names RegistrySync's role and requires exactly the source-account tag",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "sts:AssumeRole", CopierRole(org), tagA));
        yield return new("RegistrySync tags the copier session", true, "sts:TagSession is granted on both sides",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "sts:TagSession", CopierRole(org), tagA));
        yield return new("AuditTrail opens a copier session", false, "only RegistrySync's role is trusted",
            org => IamRequest.Build(Function(org, HandlerNames.AuditTrail), "sts:AssumeRole", CopierRole(org), tagA));

        yield return new("Copier for team A reads team A's artifact", true, "tag = object's account, and the statement team A's stack outputs for its bucket policy",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:GetObject", TeamObject(org, O.TeamA)));
        yield return new("Copier for team A lists team A's model prefix", true, "ListTheTeamsModelPrefixes (tag = bucket's account), and the statement team A's stack outputs for its bucket policy",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:ListBucket", TeamBucket(org, O.TeamA)));
        yield return new("Copier for team A lists team B's bucket", false, "aws:ResourceAccount must equal the session's source-account tag, though team B's bucket grants the copier",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:ListBucket", TeamBucket(org, O.TeamB)));
        yield return new("Copier tagged with the central account lists a central bucket", false, "ListTheTeamsModelPrefixes excludes the central account, whatever the tag",
            org => IamRequest.Build(Copier(org, O.Central), "s3:ListBucket", new Target("arn:aws:s3:::governance-exports", O.Central, O.OrgId, null)));
        yield return new("Copier for team A decrypts team A's key through S3", true, "tag = key's account, and the statement team A's stack outputs for its key policy",
            org => IamRequest.Build(Copier(org, O.TeamA), "kms:Decrypt", TeamKey(org, O.TeamA), ViaS3));
        yield return new("Copier for team A decrypts team A's key directly", false, "both the copier's policy and the key statement require kms:ViaService S3",
            org => IamRequest.Build(Copier(org, O.TeamA), "kms:Decrypt", TeamKey(org, O.TeamA), new Dictionary<string, JsonNode> { ["kms:CallerAccount"] = O.Central }));
        yield return new("Copier for team A reads team B's artifact", false, "aws:ResourceAccount must equal the session's source-account tag, though team B's bucket grants the copier",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:GetObject", TeamObject(org, O.TeamB)));
        yield return new("Copier for team A decrypts team B's key", false, "aws:ResourceAccount must equal the session's tag",
            org => IamRequest.Build(Copier(org, O.TeamA), "kms:Decrypt", TeamKey(org, O.TeamB), ViaS3));
        yield return new("Copier for team A reads a central-account object", false, "the central account is never the session's tag, and no other statement reads other central buckets",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:GetObject", new Target($"arn:aws:s3:::governance-exports/report.csv", O.Central, O.OrgId, null)));
        var tagCentral = new Dictionary<string, JsonNode> { ["aws:RequestTag/source-account"] = O.Central, ["aws:TagKeys"] = new JsonArray("source-account") };
        yield return new("RegistrySync opens a copier session tagged with the central account", false, "the copier's trust refuses the central account as source-account",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "sts:AssumeRole", CopierRole(org), tagCentral));
        yield return new("Copier tagged with the central account reads a central-account object", false, "ReadTheTeamsObjects excludes the central account, whatever the tag",
            org => IamRequest.Build(Copier(org, O.Central), "s3:GetObject", new Target("arn:aws:s3:::governance-exports/report.csv", O.Central, O.OrgId, null)));
        yield return new("Copier tagged with the central account decrypts a central-account key through S3", false, "DecryptTheTeamsObjectsThroughS3 excludes the central account",
            org => IamRequest.Build(Copier(org, O.Central), "kms:Decrypt", new Target($"arn:aws:kms:{O.Region}:{O.Central}:key/0f0e0d0c-0b0a-4908-8706-050403020100", O.Central, O.OrgId, null), ViaS3));
        yield return new("RegistrySync lists the central account's buckets to find a bucket's owner", true, "FindBucketOwners: s3:ListAllMyBuckets, names only",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "s3:ListAllMyBuckets", new Target("*", O.Central, O.OrgId, null)));
        yield return new("RegistrySync itself reads a central-account object", false, "listing bucket names grants no object read",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "s3:GetObject", new Target("arn:aws:s3:::governance-exports/report.csv", O.Central, O.OrgId, null)));
        yield return new("Copier for team A reads team B's governed copy as a copy source", false, "it reads the model bucket only under its own account's prefix",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:GetObject", GovernedCopy(org, O.TeamB)));
        yield return new("Copier for team A writes under team A's prefix", true, "WriteTheTeamsGovernedCopies: the model bucket under ${aws:PrincipalTag/source-account}",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:PutObject", GovernedCopy(org, O.TeamA)));
        yield return new("Copier for team A writes under team B's prefix", false, "the prefix must be the session's tag",
            org => IamRequest.Build(Copier(org, O.TeamA), "s3:PutObject", GovernedCopy(org, O.TeamB)));
        yield return new("Copier for team A encrypts with the model bucket key through S3", true, "EncryptGovernedCopiesThroughS3 and the key's account delegation",
            org => IamRequest.Build(Copier(org, O.TeamA), "kms:GenerateDataKey", ModelBucketKey(org), ViaS3));
        yield return new("Untagged copier session reads team A's artifact", false, "without the tag the policy variable resolves to nothing and no statement applies",
            org => IamRequest.Build(Copier(org, null), "s3:GetObject", TeamObject(org, O.TeamA)));
        yield return new("RegistrySync itself reads team A's artifact", false, "only the copier is granted by the team's bucket, and RegistrySync's role has no S3 statement",
            org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "s3:GetObject", TeamObject(org, O.TeamA)));

        var viaS3Deployment = new Dictionary<string, JsonNode> { ["kms:ViaService"] = $"s3.{O.Region}.amazonaws.com", ["kms:CallerAccount"] = O.Deployment };
        yield return new("Deployment account role reads a governed copy", true, "ModelBucketPolicy's DeploymentAccountsReadGovernedCopies (in the organisation) and the role's own grant",
            org => IamRequest.Build(DeploymentRole(O.Deployment, O.OrgId), "s3:GetObject", GovernedCopy(org, O.TeamA)));
        yield return new("Deployment account role decrypts the model bucket key through S3", true, "ModelBucketKey's DeploymentAccountsDecryptThroughS3 and the role's own grant",
            org => IamRequest.Build(DeploymentRole(O.Deployment, O.OrgId), "kms:Decrypt", ModelBucketKey(org), viaS3Deployment));
        yield return new("Deployment account role decrypts the model bucket key directly", false, "kms:ViaService must be S3",
            org => IamRequest.Build(DeploymentRole(O.Deployment, O.OrgId), "kms:Decrypt", ModelBucketKey(org), new Dictionary<string, JsonNode> { ["kms:CallerAccount"] = O.Deployment }));
        yield return new("Account outside the organisation reads a governed copy", false, "aws:PrincipalOrgID must be the organisation, even for an account listed in DeploymentAccountIds",
            org => IamRequest.Build(DeploymentRole(O.Outsider, O.OtherOrgId), "s3:GetObject", GovernedCopy(org, O.TeamA)));
        yield return new("Account outside the organisation decrypts the model bucket key", false, "aws:PrincipalOrgID must be the organisation",
            org => IamRequest.Build(DeploymentRole(O.Outsider, O.OtherOrgId), "kms:Decrypt", ModelBucketKey(org), viaS3Deployment));
        yield return new("Team account administrator reads a governed copy", false, "team accounts are not deployment accounts",
            org => IamRequest.Build(Admin(O.TeamA), "s3:GetObject", GovernedCopy(org, O.TeamA)));

        yield return new("Team A's forwarder puts events on the bus", true, "the bus admits roles named ForwarderRoleName in the organisation",
            org => IamRequest.Build(TeamForwarder(org, O.TeamA), "events:PutEvents", Bus(org)));
        yield return new("Central forwarder puts events on the bus", true, "the bus admits the central ForwardCentralEventsRole",
            org => IamRequest.Build(CentralForwarder(org), "events:PutEvents", Bus(org)));
        yield return new("Team A's administrator puts events on the bus", false, "not a forwarding role",
            org => IamRequest.Build(Admin(O.TeamA), "events:PutEvents", Bus(org)));
        yield return new("Central administrator puts events on the bus", false, "DenyPutEventsFromAnyoneElse overrides its own account's grant",
            org => IamRequest.Build(Admin(O.Central), "events:PutEvents", Bus(org)));
        yield return new("Team A's role of the forwarder's name under a path puts events", false, "only the forwarding role's own ARN, without a path, is admitted",
            org => IamRequest.Build(Admin(O.TeamA, $"attacker/{O.ForwarderName}"), "events:PutEvents", Bus(org)));
        yield return new("Team A's role whose name starts with the forwarder's puts events", false, "the role name must be the forwarder's exactly",
            org => IamRequest.Build(Admin(O.TeamA, $"{O.ForwarderName}-copy"), "events:PutEvents", Bus(org)));
        yield return new("A forwarder-named role outside the organisation puts events", false, "aws:PrincipalOrgID must be the organisation",
            org => IamRequest.Build(TeamForwarder(org, O.Outsider, O.OtherOrgId), "events:PutEvents", Bus(org)));

        yield return new("Risk manager of team A assumes the risk manager role", true, "listed in RiskManagerArns, in the organisation",
            org => IamRequest.Build(Admin(O.TeamA, "model-risk-manager"), "sts:AssumeRole", new Target(O.RiskManagerRoleArn, O.Central, O.OrgId, org.CentralRole("RiskManagerRole").TrustPolicy)));
        yield return new("Team user assumes the risk manager role", false, "not listed in RiskManagerArns",
            org => IamRequest.Build(Admin(O.TeamA, "ml-engineer"), "sts:AssumeRole", new Target(O.RiskManagerRoleArn, O.Central, O.OrgId, org.CentralRole("RiskManagerRole").TrustPolicy)));
        yield return new("Risk manager role queries the lineage API", true, "LineageApiInvokePolicy: GET on every route of this API",
            org => IamRequest.Build(RiskManagerSession(org), "execute-api:Invoke", LineageRoute("GET", "models/credit-risk")));
        yield return new("Risk manager role posts to the lineage API", false, "only GET is granted",
            org => IamRequest.Build(RiskManagerSession(org), "execute-api:Invoke", LineageRoute("POST", "models/credit-risk")));
        yield return new("Team user calls the lineage API from its own account", false, "an HTTP API has no resource policy: callers of other accounts need a role of the central account",
            org => IamRequest.Build(Admin(O.TeamA, "ml-engineer"), "execute-api:Invoke", LineageRoute("GET", "models/credit-risk")));
        yield return new("Risk manager calls the lineage API from team A without the role", false, "same: cross-account callers go through RiskManagerRole",
            org => IamRequest.Build(Admin(O.TeamA, "model-risk-manager"), "execute-api:Invoke", LineageRoute("GET", "models/credit-risk")));
    }

    private static IEnumerable<PermissionScenario> Central() => CentralScenarios.All;
}
