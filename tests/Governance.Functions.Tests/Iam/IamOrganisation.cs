using System.Text.Json.Nodes;
using Governance.Core.Routing;
using Governance.Functions.Tests.Template;
using Governance.Testing.Iam;

namespace Governance.Functions.Tests.Iam;

/// <summary>
/// An organisation with both templates deployed and resolved into concrete policies: the central account
/// (template.yaml after the SAM transform), team accounts A and B (templates/team-account.yaml, each with an
/// artifact bucket and key carrying the statements the team stack outputs), a deployment account, and an account
/// outside the organisation. Policies AWS supplies implicitly come from their documented shapes
/// (<see cref="ImplicitPolicies"/>).
/// </summary>
public sealed class IamOrganisation
{
    public const string OrgId = "o-a1b2c3d4e5";
    public const string OtherOrgId = "o-z9y8x7w6v5";
    public const string Central = "123456789012";
    public const string TeamA = "111111111111";
    public const string TeamB = "222222222222";
    public const string Deployment = "333333333333";
    public const string Outsider = "999999999999";
    public const string Region = "us-east-1";
    public const string Stack = "governance";
    public const string Table = "governance-ledger";
    public const string ModelBucket = "governance-models";
    public const string DigestBucket = "governance-digests";
    public const string ApiId = "a1b2c3d4e5";
    public const string ForwarderName = "GovernanceEventForwarder";
    public const string ReaderName = "GovernanceModelReader";

    private IamOrganisation(JsonObject central, JsonObject team)
    {
        CentralTemplate = central;
        TeamTemplate = team;
    }

    public JsonObject CentralTemplate { get; }

    public JsonObject TeamTemplate { get; }

    public static string TableArn => $"arn:aws:dynamodb:{Region}:{Central}:table/{Table}";

    public static string ModelBucketKeyArn => $"arn:aws:kms:{Region}:{Central}:key/0000aaaa-model-bucket";

    public static string AlarmTopicKeyArn => $"arn:aws:kms:{Region}:{Central}:key/0000bbbb-alarm-topic";

    public static string AwsSnsKeyArn => $"arn:aws:kms:{Region}:{Central}:key/0000cccc-aws-sns";

    public static string AlarmTopicArn => $"arn:aws:sns:{Region}:{Central}:governance-alarms";

    public static string NotificationTopicArn => $"arn:aws:sns:{Region}:{Central}:governance-notifications";

    public static string BusArn => $"arn:aws:events:{Region}:{Central}:event-bus/{Stack}-bus";

    public static string CopierRoleArn => $"arn:aws:iam::{Central}:role/{Stack}-artifact-copier";

    public static string RiskManagerRoleArn => $"arn:aws:iam::{Central}:role/{Stack}-risk-manager";

    public static string CentralForwarderArn => $"arn:aws:iam::{Central}:role/{Stack}-ForwardCentralEventsRole";

    public static string FunctionRoleArn(string handler) => $"arn:aws:iam::{Central}:role/{Stack}-{handler}FunctionRole";

    public static string ArtifactBucket(string team) => $"team-ml-artifacts-{team}";

    public static string ArtifactKeyArn(string team) => $"arn:aws:kms:{Region}:{team}:key/1111aaaa-artifacts";

    /// <summary>A risk manager's role in team account A, listed in RiskManagerArns.</summary>
    public static string RiskManagerArn => $"arn:aws:iam::{TeamA}:role/model-risk-manager";

    public static async Task<IamOrganisation> LoadAsync()
    {
        var templates = await Task.WhenAll(DeployedTemplate.CentralAsync(), DeployedTemplate.LoadAsync(Path.Combine("templates", "team-account.yaml")));
        return new IamOrganisation(templates[0], templates[1]);
    }

    /// <summary>The page-token secret's ARN (its resource policy is Secrets Manager's default: none).</summary>
    public static string PageTokenSecretArn => $"arn:aws:secretsmanager:{Region}:{Central}:secret:{Stack}-PageTokenSecret-AbCdEf";

    /// <summary>What a central stack named <see cref="Stack"/> resolves to.</summary>
    public static StackBindings CentralBindings()
    {
        var attributes = new Dictionary<string, string>
        {
            ["LedgerTable.Arn"] = TableArn,
            ["ModelBucket.Arn"] = $"arn:aws:s3:::{ModelBucket}",
            ["ModelBucketKey.Arn"] = ModelBucketKeyArn,
            ["LedgerDigestBucket.Arn"] = $"arn:aws:s3:::{DigestBucket}",
            ["GovernanceBus.Arn"] = BusArn,
            ["ForwardCentralEventsRole.Arn"] = CentralForwarderArn,
            ["RegistrySyncFunctionRole.Arn"] = FunctionRoleArn(HandlerNames.RegistrySync),
        };
        foreach (var handler in HandlerNames.All)
        {
            attributes[$"{handler}DeadLetterQueue.Arn"] = $"arn:aws:sqs:{Region}:{Central}:{Stack}-{handler}-dlq";
        }

        return new StackBindings(Central, Region)
        {
            StackName = Stack,
            Parameters = new Dictionary<string, JsonNode>
            {
                ["OrganizationId"] = OrgId,
                ["DeploymentAccountIds"] = new JsonArray(Deployment, Outsider),
                ["RiskManagerArns"] = new JsonArray(RiskManagerArn),
            },
            References = new Dictionary<string, string>
            {
                ["LedgerTable"] = Table,
                ["NotificationTopic"] = NotificationTopicArn,
                ["AlarmTopic"] = AlarmTopicArn,
                ["AlarmTopicKey"] = AlarmTopicKeyArn,
                ["ModelBucket"] = ModelBucket,
                ["LedgerDigestBucket"] = DigestBucket,
                ["LineageHttpApi"] = ApiId,
                ["GovernanceBus"] = $"{Stack}-bus",
                ["LineageApiInvokePolicy"] = $"arn:aws:iam::{Central}:policy/{Stack}-lineage-api-invoke",
                ["PageTokenSecret"] = PageTokenSecretArn,
            },
            Attributes = attributes,
        };
    }

    /// <summary>What the team stack resolves to in <paramref name="account"/>.</summary>
    public static StackBindings TeamBindings(string account) => new(account, Region)
    {
        StackName = "ml-governance-team",
        Parameters = new Dictionary<string, JsonNode>
        {
            ["CentralBusArn"] = BusArn,
            ["CentralRoleArn"] = FunctionRoleArn(HandlerNames.RegistrySync),
            ["ArtifactCopierRoleArn"] = CopierRoleArn,
            ["ArtifactBucketArns"] = new JsonArray($"arn:aws:s3:::{ArtifactBucket(account)}"),
        },
        Attributes = new Dictionary<string, string>
        {
            ["ReaderRole.Arn"] = $"arn:aws:iam::{account}:role/{ReaderName}",
            ["ForwardToCentralRole.Arn"] = $"arn:aws:iam::{account}:role/{ForwarderName}",
        },
    };

    /// <summary>The inline policies of a central function's role.</summary>
    public IReadOnlyList<JsonObject> FunctionPolicies(string handler) =>
        [.. TemplateRoles.ForFunction(CentralTemplate, handler + "Function", CentralBindings()).Policies.Select(policy => policy.Document)];

    public TemplateRole CentralRole(string logicalId) => TemplateRoles.Role(CentralTemplate, logicalId, CentralBindings());

    public TemplateRole TeamRole(string logicalId, string account) => TemplateRoles.Role(TeamTemplate, logicalId, TeamBindings(account));

    /// <summary>A central resource's policy property, resolved (a key policy, bucket policy, topic policy…).</summary>
    public JsonObject CentralResourcePolicy(string logicalId, string property)
    {
        var resource = CentralTemplate["Resources"]?[logicalId]?["Properties"] ?? throw new InvalidOperationException($"template.yaml has no {logicalId}");
        return new IntrinsicResolver(CentralTemplate, CentralBindings()).Resolve(resource[property])!.AsObject();
    }

    /// <summary>The bus policy: the statements of every AWS::Events::EventBusPolicy of the template.</summary>
    public JsonObject BusPolicy()
    {
        var resolver = new IntrinsicResolver(CentralTemplate, CentralBindings());
        var statements = CentralTemplate.ResourcesOfType("AWS::Events::EventBusPolicy")
            .Select(policy => resolver.Resolve(policy.Value["Properties"]!["Statement"]))
            .ToArray();
        return Policy(statements);
    }

    /// <summary>A team stack output that holds a policy statement as JSON, resolved for <paramref name="account"/>.</summary>
    public JsonObject TeamOutputStatement(string output, string account)
    {
        var value = TeamTemplate["Outputs"]?[output]?["Value"] ?? throw new InvalidOperationException($"templates/team-account.yaml has no output {output}");
        var text = (string)new IntrinsicResolver(TeamTemplate, TeamBindings(account)).Resolve(value)!;
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Team <paramref name="account"/>'s artifact bucket policy: the statement its stack outputs.</summary>
    public JsonObject ArtifactBucketPolicy(string account) => Policy(TeamOutputStatement("ArtifactBucketPolicyStatement", account));

    /// <summary>Team <paramref name="account"/>'s artifact key policy: the default key policy plus the statement its stack outputs.</summary>
    public JsonObject ArtifactKeyPolicy(string account) =>
        Policy(ImplicitPolicies.DefaultKeyPolicyStatement(account), TeamOutputStatement("ArtifactKeyPolicyStatement", account));

    public static JsonObject Policy(params JsonNode?[] statements) =>
        new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements.Select(statement => statement?.DeepClone())]) };
}
