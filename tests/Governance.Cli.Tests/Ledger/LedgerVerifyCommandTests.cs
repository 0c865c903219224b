using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Governance.Aws.Ledger;
using Governance.Cli.Commands.Ledger;
using Governance.Core.Ledger;
using Governance.Testing;

namespace Governance.Cli.Tests.Ledger;

[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LedgerVerifyCommandTests(MotoServer moto)
{
    private static readonly NodeRef Subject = new(NodeTypes.Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn");
    private static readonly NodeRef Other = new(NodeTypes.CentralPackage, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1");

    [Fact]
    public async Task Verify_IntactLedger_ShouldExitZeroAndSaySo()
    {
        var table = await SeededTableAsync();

        var (exit, output, _) = await RunAsync("--table", table, "--endpoint", moto.Endpoint.ToString());

        Assert.Equal(0, exit);
        Assert.Contains("ledger intact: 2 chain(s), 7 record(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenFieldChangedRecordDeletedAndRecordsSwapped_ShouldPrintEachAndExitOne()
    {
        var table = await SeededTableAsync();
        using var dynamo = Client();
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = Key(Subject, 1),
            UpdateExpression = "SET Kind = :kind",
            ExpressionAttributeValues = new() { [":kind"] = new AttributeValue { S = "audit.nothing-to-see" } },
        });
        await dynamo.DeleteItemAsync(table, Key(Subject, 3));
        var fourth = (await dynamo.GetItemAsync(table, Key(Subject, 4))).Item;
        var fifth = (await dynamo.GetItemAsync(table, Key(Subject, 5))).Item;
        (fourth["SK"], fifth["SK"]) = (fifth["SK"], fourth["SK"]);
        await dynamo.PutItemAsync(table, fourth);
        await dynamo.PutItemAsync(table, fifth);

        var (exit, output, _) = await RunAsync("--table", table, "--endpoint", moto.Endpoint.ToString(), "--subject", Subject.ToString());

        Assert.Equal(1, exit);
        Assert.Contains($"ALTERED {Subject} #1", output, StringComparison.Ordinal);
        Assert.Contains($"MISSING {Subject} #3", output, StringComparison.Ordinal);
        Assert.Contains($"REORDERED {Subject} #4", output, StringComparison.Ordinal);
        Assert.Contains("ledger NOT intact", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OneSubject_ShouldReadOnlyThatChain()
    {
        var table = await SeededTableAsync();

        var (exit, output, _) = await RunAsync("--table", table, "--endpoint", moto.Endpoint.ToString(), "--subject", Other.ToString());

        Assert.Equal(0, exit);
        Assert.Contains("1 chain(s), 2 record(s)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--subject", "no-colon")]
    [InlineData("--bogus", "x")]
    [InlineData("--table")]
    public async Task Verify_WithBadArguments_ShouldExitTwoWithAMessage(params string[] args)
    {
        var (exit, _, errors) = await RunAsync([.. args, "--endpoint", moto.Endpoint.ToString()]);

        Assert.Equal(2, exit);
        Assert.StartsWith("governance ledger verify: ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ShouldDescribeTheOptionsAndExitZero()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("--subject Type:Id", output, StringComparison.Ordinal);
        Assert.Contains("GOVERNANCE_TABLE", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? MotoServer.AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? MotoServer.SecretAccessKey);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await LedgerVerifyCommand.RunAsync([.. args, "--region", MotoServer.Region], Environment.GetEnvironmentVariable, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Verify_WhenANodesApproverIsRewrittenOrADeploymentEdgeForged_ShouldReportThemAgainstTheChainsAndExitOne()
    {
        using var dynamo = Client();
        var table = MotoServer.UniqueName("evidence");
        await LedgerTableDefinition.CreateAsync(dynamo, table, CancellationToken.None);
        var writer = new DynamoDbLedgerWriter(dynamo, table, TimeProvider.System);
        var source = new NodeRef(NodeTypes.SourcePackage, "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/1");
        var execution = new NodeRef(NodeTypes.PipelineExecution, "arn:aws:sagemaker:us-east-1:123456789012:pipeline/deploy/execution/x1");
        const string Jane = "arn:aws:sts::111111111111:assumed-role/Approver/jane";
        var node = new LedgerNode(source, "111111111111", "churn", new Dictionary<string, string> { ["approvedBy"] = Jane }, DateTimeOffset.UtcNow);
        await writer.RecordNodeAsync(node, CancellationToken.None);
        await writer.AppendAsync(new LedgerEventDraft(source, "a1", "model.approved", DateTimeOffset.UtcNow, Jane, "111111111111", "churn", new Dictionary<string, string>()), CancellationToken.None);
        await writer.RecordEdgeAsync(new LedgerEdge(Other, Relations.DeployedBy, execution, DateTimeOffset.UtcNow, "d1"), CancellationToken.None);
        await writer.AppendAsync(new LedgerEventDraft(Other, "d1", "deployment.started", DateTimeOffset.UtcNow, null, null, "churn",
            new Dictionary<string, string> { ["executionId"] = execution.Id }), CancellationToken.None);
        var (intact, intactOutput, _) = await RunAsync("--table", table, "--endpoint", moto.Endpoint.ToString());
        Assert.Equal(0, intact);
        Assert.Contains("lineage evidence backed: 1 node(s), 1 edge(s) agree with the chains", intactOutput, StringComparison.Ordinal);

        await dynamo.PutItemAsync(table, LedgerItems.FromNode(node with { Attributes = new Dictionary<string, string> { ["approvedBy"] = "mallory" } }));
        var forged = new NodeRef(NodeTypes.PipelineExecution, "arn:aws:sagemaker:us-east-1:123456789012:pipeline/deploy/execution/forged");
        await writer.RecordEdgeAsync(new LedgerEdge(Other, Relations.DeployedBy, forged, DateTimeOffset.UtcNow, "d2"), CancellationToken.None);
        var (exit, output, _) = await RunAsync("--table", table, "--endpoint", moto.Endpoint.ToString());

        Assert.Equal(1, exit);
        Assert.Contains("ledger intact: 2 chain(s), 2 record(s)", output, StringComparison.Ordinal); // every chain alone is intact
        Assert.Contains($"DISAGREES {source} approvedBy: the node says 'mallory', its chain (#1, model.approved) says '{Jane}'", output, StringComparison.Ordinal);
        Assert.Contains($"UNBACKED {Other} -{Relations.DeployedBy}-> {forged}", output, StringComparison.Ordinal);
        Assert.Contains("lineage evidence NOT backed: 2 finding(s)", output, StringComparison.Ordinal);
    }

    private async Task<string> SeededTableAsync()
    {
        using var dynamo = Client();
        var table = MotoServer.UniqueName("verify");
        await LedgerTableDefinition.CreateAsync(dynamo, table, CancellationToken.None);
        var writer = new DynamoDbLedgerWriter(dynamo, table, TimeProvider.System);
        foreach (var (subject, count) in new[] { (Subject, 5), (Other, 2) })
        {
            for (var i = 1; i <= count; i++)
            {
                await writer.AppendAsync(
                    new LedgerEventDraft(subject, $"e{i}", "audit.test", DateTimeOffset.UnixEpoch.AddDays(20000 + i), null, null, null,
                        new Dictionary<string, string>()),
                    CancellationToken.None);
            }
        }

        return table;
    }

    private AmazonDynamoDBClient Client() => new(
        new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    private static Dictionary<string, AttributeValue> Key(NodeRef subject, int sequence) => new()
    {
        ["PK"] = new() { S = $"NODE#{subject.Type}#{subject.Id}" },
        ["SK"] = new() { S = $"EVT#{sequence:D12}" },
    };
}
