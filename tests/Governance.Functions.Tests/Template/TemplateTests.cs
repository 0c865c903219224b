using System.Text.Json.Nodes;
using Governance.Testing;

namespace Governance.Functions.Tests.Template;

public class TemplateTests
{
    // Lambda's X-Ray write policy (tracing is on) is the only managed policy attached; AWS defines it with
    // Resource "*" because X-Ray has no resource-level permissions. Inline statements may not use wildcards.
    private static readonly string[] AllowedManagedPolicies =
    [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    ];

    [Theory]
    [InlineData("template.yaml")]
    [InlineData("templates/team-account.yaml")]
    public async Task CfnLint_ShouldReportNothing(string template)
    {
        var result = await ExternalCommand.RunAsync("cfn-lint", [template]);

        Assert.True(result.ExitCode == 0, $"cfn-lint exit {result.ExitCode}:\n{result.StandardOutput}{result.StandardError}");
    }

    [Fact]
    public async Task EveryFunction_ShouldRunTheCustomRuntimeOnX86()
    {
        var template = await DeployedTemplate.CentralAsync();

        var functions = template.ResourcesOfType("AWS::Lambda::Function").ToList();

        Assert.Equal(7, functions.Count);
        Assert.All(functions, function =>
        {
            Assert.Equal("provided.al2023", (string?)function.Value["Properties"]!["Runtime"]);
            Assert.Equal("x86_64", (string?)function.Value["Properties"]!["Architectures"]![0]);
        });
    }

    [Fact]
    public async Task EveryEventDrivenFunction_ShouldSendFailuresToADeadLetterQueue()
    {
        var template = await DeployedTemplate.CentralAsync();
        var configs = template.ResourcesOfType("AWS::Lambda::EventInvokeConfig")
            .ToDictionary(config => config.Value["Properties"]!["FunctionName"]!["Ref"]!.GetValue<string>(), config => config.Value);

        var eventDriven = template.ResourcesOfType("AWS::Lambda::Function")
            .Select(function => function.Key)
            .Where(name => name != "LineageApiFunction"); // invoked synchronously by API Gateway: errors go to the caller

        Assert.All(eventDriven, name =>
        {
            Assert.True(configs.TryGetValue(name, out var config), $"{name} has no async invoke config");
            var destination = config!["Properties"]!["DestinationConfig"]!["OnFailure"]!["Destination"]!["Fn::GetAtt"]![0]!.GetValue<string>();
            Assert.EndsWith("DeadLetterQueue", destination, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("template.yaml")]
    [InlineData("templates/team-account.yaml")]
    public async Task EveryRuleTarget_ShouldHaveARetryPolicyAndADeadLetterQueue(string path)
    {
        var template = await DeployedTemplate.LoadAsync(path);

        var targets = template.ResourcesOfType("AWS::Events::Rule")
            .SelectMany(rule => rule.Value["Properties"]!["Targets"].AsNodes().Select(target => (rule.Key, target)))
            .ToList();

        Assert.NotEmpty(targets);
        Assert.All(targets, entry =>
        {
            Assert.NotNull(entry.target["RetryPolicy"]?["MaximumEventAgeInSeconds"]);
            Assert.NotNull(entry.target["RetryPolicy"]?["MaximumRetryAttempts"]);
            Assert.NotNull(entry.target["DeadLetterConfig"]?["Arn"]);
        });
    }

    [Fact]
    public async Task ApprovalRules_ShouldDeployOnlyOnDecisionsAndLetPendingPackagesThroughOnlyAsRecordedUpdates()
    {
        var template = await DeployedTemplate.CentralAsync();

        var approvalRules = template.ResourcesOfType("AWS::Events::Rule")
            .Select(rule => rule.Value["Properties"]!["EventPattern"])
            .Where(pattern => pattern?["detail-type"].AsNodes().Any(type => (string?)type == "SageMaker Model Package State Change") == true
                && pattern?["detail"] is not null)
            .ToList();

        Assert.Equal(2, approvalRules.Count);
        var sync = Assert.Single(approvalRules, pattern => pattern!["detail"]!["ModelApprovalStatus"] is not null);
        Assert.Equal(["Approved"], sync!["detail"]!["ModelApprovalStatus"].AsNodes().Select(status => (string?)status));
        Assert.Equal(2, sync["detail"]!["$or"]!.AsArray().Count);
        var central = Assert.Single(approvalRules, pattern => pattern!["detail"]!["ModelApprovalStatus"] is null)!["detail"]!["$or"]!.AsArray();
        var statuses = central.Select(branch => branch!["ModelApprovalStatus"]).OfType<System.Text.Json.Nodes.JsonNode>().SelectMany(node => node.AsNodes()).Select(status => (string?)status);
        Assert.Equal(["Approved", "Rejected"], statuses);
        Assert.Contains(central, branch => branch!["UpdatedModelPackageFields"]?.ToJsonString() == """[{"exists":true}]""");
    }

    [Theory]
    [InlineData("template.yaml")]
    [InlineData("templates/team-account.yaml")]
    public async Task InlinePolicies_ShouldNeverAllowEveryActionOrEveryResource(string path)
    {
        var template = await DeployedTemplate.LoadAsync(path);

        var statements = template.ResourcesOfType("AWS::IAM::Role")
            .SelectMany(role => role.Value["Properties"]!["Policies"].AsNodes()
                .SelectMany(policy => policy["PolicyDocument"]!["Statement"].AsNodes()
                    .Select(statement => (role.Key, statement))))
            .ToList();

        AssertNoWildcards(statements.Select(entry => entry.statement));
    }

    [Fact]
    public async Task Roles_ShouldAttachOnlyTheAllowlistedManagedPolicies()
    {
        var template = await DeployedTemplate.CentralAsync();

        var attached = template.ResourcesOfType("AWS::IAM::Role")
            .SelectMany(role => role.Value["Properties"]!["ManagedPolicyArns"].AsNodes())
            .ToList();
        var ownPolicies = template.ResourcesOfType("AWS::IAM::ManagedPolicy").Select(policy => policy.Key).ToHashSet();

        Assert.All(attached, arn =>
        {
            if (arn is JsonObject reference)
            {
                Assert.Contains((string)reference["Ref"]!, ownPolicies);
            }
            else
            {
                Assert.Contains((string?)arn, AllowedManagedPolicies);
            }
        });
    }

    [Fact]
    public async Task ManagedPoliciesOfTheTemplate_ShouldNeverAllowEveryActionOrEveryResource()
    {
        var template = await DeployedTemplate.CentralAsync();

        var statements = template.ResourcesOfType("AWS::IAM::ManagedPolicy")
            .SelectMany(policy => policy.Value["Properties"]!["PolicyDocument"]!["Statement"].AsNodes())
            .ToList();

        AssertNoWildcards(statements);
    }

    [Fact]
    public async Task LedgerTable_ShouldBeRecoverableProtectedAndExpireIdempotencyRecords()
    {
        var template = await DeployedTemplate.CentralAsync();

        var table = template["Resources"]!["LedgerTable"]!;

        Assert.Equal("Retain", (string?)table["DeletionPolicy"]);
        Assert.True(table["Properties"]!["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
        Assert.True(table["Properties"]!["DeletionProtectionEnabled"]!.GetValue<bool>());
        Assert.Equal("PAY_PER_REQUEST", (string?)table["Properties"]!["BillingMode"]);
        Assert.True(table["Properties"]!["TimeToLiveSpecification"]!["Enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ModelBucket_ShouldBlockPublicAccessAndRefusePlainHttp()
    {
        var template = await DeployedTemplate.CentralAsync();

        var block = template["Resources"]!["ModelBucket"]!["Properties"]!["PublicAccessBlockConfiguration"]!.AsObject();
        var denyInsecure = template["Resources"]!["ModelBucketPolicy"]!["Properties"]!["PolicyDocument"]!["Statement"].AsNodes()
            .Single(statement => (string?)statement["Sid"] == "DenyInsecureTransport");

        Assert.Equal(4, block.Count);
        Assert.All(block, setting => Assert.True(setting.Value!.GetValue<bool>(), setting.Key));
        Assert.Equal("Deny", (string?)denyInsecure["Effect"]);
        Assert.Equal("false", (string?)denyInsecure["Condition"]!["Bool"]!["aws:SecureTransport"]);
    }

    [Fact]
    public async Task GovernanceBus_ShouldAcceptEventsOnlyFromTheOrganisation()
    {
        var template = await DeployedTemplate.CentralAsync();

        var statement = template["Resources"]!["GovernanceBusPolicy"]!["Properties"]!["Statement"]!;

        Assert.Equal("events:PutEvents", (string?)statement["Action"]);
        Assert.Equal("OrganizationId", (string?)statement["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]!["Ref"]);
    }

    [Fact]
    public async Task LineageApi_ShouldRequireIamAuthorisationOnEveryRoute()
    {
        var template = await DeployedTemplate.CentralAsync();

        var routes = template.ResourcesOfType("AWS::ApiGatewayV2::Route").ToList();
        var api = template.ResourcesOfType("AWS::ApiGatewayV2::Api").Single().Value;
        var openApiPaths = api["Properties"]!["Body"]?["paths"]?.AsObject();

        if (routes.Count > 0)
        {
            Assert.All(routes, route => Assert.Equal("AWS_IAM", (string?)route.Value["Properties"]!["AuthorizationType"]));
            return;
        }

        Assert.NotNull(openApiPaths);
        var operations = openApiPaths!.SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!)).ToList();
        Assert.Equal(7, operations.Count);
        Assert.All(operations, operation => Assert.Contains("AWS_IAM", operation["security"]!.ToJsonString(), StringComparison.Ordinal));
    }

    private static void AssertNoWildcards(IEnumerable<JsonNode?> statements)
    {
        var list = statements.ToList();
        Assert.NotEmpty(list);
        Assert.All(list, statement =>
        {
            Assert.DoesNotContain(statement!["Action"].AsNodes(), action => ((string?)action)?.EndsWith('*') == true);
            if (!statement["Action"].AsNodes().All(action => UnscopableActions.Contains((string?)action)))
            {
                Assert.DoesNotContain(statement["Resource"].AsNodes(), resource => resource is JsonValue && (string?)resource == "*");
            }
        });
    }

    /// <summary>
    /// Actions IAM cannot scope to a resource (no resource type in the service authorization reference), so "*" is the
    /// only resource that grants them. s3:ListAllMyBuckets lists the caller's bucket names, nothing in them.
    /// </summary>
    internal static readonly HashSet<string?> UnscopableActions = new(StringComparer.Ordinal) { "s3:ListAllMyBuckets" };
}
