using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.SageMaker;
using Governance.Testing;

namespace Governance.Aws.Tests.Contract;

/// <summary>
/// Every request the SageMaker client builds, validated against the official SageMaker service model; every
/// response parsed from a document built from the operation's output shape.
/// </summary>
public sealed class SageMakerContractTests
{
    private const string PackageArn = "arn:aws:sagemaker:eu-west-1:111111111111:model-package/churn-classifier/7";
    private const string ExecutionArn = "arn:aws:sagemaker:eu-west-1:222222222222:pipeline/deploy-churn/execution/0a1b2c3d4e5f";

    /// <summary>Each operation the client covers, called with every optional member it can send.</summary>
    private static readonly Dictionary<string, Func<ISageMakerClient, Task>> Calls = new(StringComparer.Ordinal)
    {
        ["DescribeModelPackage"] = c => c.DescribeModelPackageAsync(PackageArn, default),
        ["DescribeModelPackageGroup"] = c => c.DescribeModelPackageGroupAsync("churn-classifier", default),
        ["CreateModelPackageGroup"] = c => c.CreateModelPackageGroupAsync(
            new CreateModelPackageGroupRequest("churn-classifier") { Description = "Central copy of team-a churn models", Tags = [new ResourceTag("owner", "team-a")] }, default),
        ["CreateModelPackage"] = c => c.CreateModelPackageAsync(
            new CreateModelPackageRequest("churn-classifier")
            {
                Description = "copied",
                ClientToken = "0f8fad5b-d9cb-469f-a165-70867728950e",
                Tags = [new ResourceTag("governance:source-account", "111111111111")],
                CustomerMetadataProperties = new Dictionary<string, string> { ["source-package"] = PackageArn },
                Specification = new JsonObject
                {
                    ["InferenceSpecification"] = new JsonObject
                    {
                        ["Containers"] = new JsonArray(new JsonObject { ["Image"] = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn:1", ["ModelDataUrl"] = "s3://central/m.tar.gz" }),
                        ["SupportedContentTypes"] = new JsonArray("text/csv"),
                        ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
                    },
                },
            }, default),
        ["UpdateModelPackage"] = c => c.UpdateModelPackageAsync(
            new UpdateModelPackageRequest(PackageArn)
            {
                ModelApprovalStatus = "Approved",
                ApprovalDescription = "approved by MRM",
                CustomerMetadataProperties = new Dictionary<string, string> { ["approved-by"] = "alice" },
                CustomerMetadataPropertiesToRemove = ["pending-review"],
                ClientToken = "approve-7",
            }, default),
        ["ListModelPackages"] = c => c.ListModelPackagesAsync(
            new ModelPackageQuery { ModelPackageGroupName = "churn-classifier", ModelApprovalStatus = "Approved", ModelPackageType = "Versioned", SortOrder = "Descending" }, default).ToListAsync().AsTask(),
        ["ListTags"] = c => c.ListTagsAsync(PackageArn, default),
        ["StartPipelineExecution"] = c => c.StartPipelineExecutionAsync(
            new StartPipelineExecutionRequest("deploy-churn", "3b241101-e2bb-4255-8caf-4136c566a962")
            {
                DisplayName = "deploy-churn-7",
                Description = "Deploy churn-classifier/7",
                Parameters = [new PipelineParameter("ModelPackageArn", PackageArn)],
            }, default),
    };

    public static TheoryData<string> Operations() => [.. Calls.Keys];

    [Fact]
    public void Calls_ShouldCoverEveryOperationOfTheClientAndNoOther()
    {
        var operations = typeof(ISageMakerClient).GetMethods().Select(method => method.Name[..^"Async".Length]).Order(StringComparer.Ordinal);

        Assert.Equal(operations, Calls.Keys.Order(StringComparer.Ordinal));
    }

    [SharedTheory]
    [MemberData(nameof(Operations))]
    public async Task Request_ShouldValidateAgainstServiceModel(string operation)
    {
        await using var server = new ContractServer("sagemaker");
        var client = ContractClients.For(server).SageMaker(ContractClients.Credentials);

        await Calls[operation](client);

        Assert.NotEmpty(server.Server.Received);
        Assert.All(server.Server.Received, r => Assert.Equal(operation, server.OperationOf(r)));
        Assert.Empty(server.Violations());
    }

    [SharedFact]
    public void Operations_ShouldAllExistInServiceModel() =>
        Assert.All(Calls.Keys, op => Assert.True(ServiceModel.Load("sagemaker").HasOperation(op), op));

    [SharedFact]
    public async Task DescribeModelPackage_ShouldParseDocumentBuiltFromOutputShape()
    {
        await using var server = new ContractServer("sagemaker");
        var client = ContractClients.For(server).SageMaker(ContractClients.Credentials);

        var package = await client.DescribeModelPackageAsync(PackageArn, default);

        Assert.Equal(SampleDocuments.Sample("ModelPackageArn"), package.Arn);
        Assert.Equal(SampleDocuments.Sample("ModelPackageGroupName"), package.GroupName);
        Assert.Equal(1, package.Version);
        Assert.Equal("Approved", package.ApprovalStatus);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(SampleDocuments.SampleTimestamp), package.CreationTime);
        Assert.Equal(SampleDocuments.Sample("ModelDataUrl"), package.Containers[0].ModelDataUrl);
        Assert.Equal(2, package.Containers.Count);
    }

    [SharedFact]
    public async Task ListModelPackages_ShouldFollowNextTokenThroughAllPages()
    {
        await using var server = new ContractServer("sagemaker");
        var page = 0;
        server.Override("ListModelPackages", _ => ++page switch
        {
            1 => """{"ModelPackageSummaryList":[{"ModelPackageArn":"a1","ModelPackageStatus":"Completed","CreationTime":1}],"NextToken":"t1"}""",
            2 => """{"ModelPackageSummaryList":[{"ModelPackageArn":"a2","ModelPackageStatus":"Completed","CreationTime":2}],"NextToken":"t2"}""",
            _ => """{"ModelPackageSummaryList":[{"ModelPackageArn":"a3","ModelPackageStatus":"Completed","CreationTime":3}]}""",
        });
        var client = ContractClients.For(server).SageMaker(ContractClients.Credentials);

        var all = await client.ListModelPackagesAsync(new ModelPackageQuery { ModelPackageGroupName = "g" }, default).ToListAsync();

        Assert.Equal(["a1", "a2", "a3"], all.Select(p => p.Arn));
        Assert.Equal([null, "t1", "t2"], server.Sent("ListModelPackages").Select(b => b.TryGetProperty("NextToken", out var t) ? t.GetString() : null));
        Assert.Empty(server.Violations());
    }

    [SharedFact]
    public async Task DescribedPackage_FedBackIntoCreateModelPackage_ShouldValidateAndKeepEveryNestedField()
    {
        var fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sagemaker", "describe-model-package.json"));
        var model = ServiceModel.Load("sagemaker");
        Assert.Empty(new ShapeValidator(model).Validate(JsonNode.Parse(fixture), model.OutputShape("DescribeModelPackage")));

        await using var server = new ContractServer("sagemaker");
        server.Override("DescribeModelPackage", _ => fixture);
        var client = ContractClients.For(server).SageMaker(ContractClients.Credentials);
        var described = await client.DescribeModelPackageAsync(PackageArn, default);

        var relocated = new Dictionary<string, string>
        {
            ["s3://team-a-models/churn/pipelines-abc123/output/model.tar.gz"] = "s3://central-models/team-a/churn/pipelines-abc123/output/model.tar.gz",
        };
        var copy = CreateModelPackageRequest.CopyOf(ModelPackageReader.Read(described.Document), "central-churn", relocated)
            with { ClientToken = "0f8fad5b-d9cb-469f-a165-70867728950e" };
        await client.CreateModelPackageAsync(copy, default);

        Assert.Empty(server.Violations());
        var sent = Assert.Single(server.Sent("CreateModelPackage"));
        using var source = JsonDocument.Parse(fixture);
        foreach (var member in CreateModelPackageRequest.CopiedMembers.Append("CustomerMetadataProperties").Where(m => source.RootElement.TryGetProperty(m, out _)))
        {
            var expected = source.RootElement.GetProperty(member).GetRawText()
                .Replace("s3://team-a-models/churn/pipelines-abc123/output/model.tar.gz", "s3://central-models/team-a/churn/pipelines-abc123/output/model.tar.gz", StringComparison.Ordinal);
            using var expectedDocument = JsonDocument.Parse(expected);
            Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, sent.GetProperty(member)), member);
        }

        Assert.Equal(2, CountOf(sent.GetRawText(), "s3://central-models/team-a/churn/pipelines-abc123/output/model.tar.gz"));

        Assert.Equal("central-churn", sent.GetProperty("ModelPackageGroupName").GetString());
        Assert.Equal("PendingManualApproval", sent.GetProperty("ModelApprovalStatus").GetString());
        var container = sent.GetProperty("InferenceSpecification").GetProperty("Containers")[0];
        Assert.Equal("s3://central-models/team-a/churn/pipelines-abc123/output/model.tar.gz", container.GetProperty("ModelDataUrl").GetString());
        Assert.Equal("inference.py", container.GetProperty("Environment").GetProperty("SAGEMAKER_PROGRAM").GetString());
    }

    [SharedFact]
    public void CopyOf_WhenTheDescriptionSetsEveryMemberTheModelDefines_ShouldWriteEachCopiedMemberBackUnchanged()
    {
        var model = ServiceModel.Load("sagemaker");
        var description = new SampleDocuments(model).Json(model.OutputShape("DescribeModelPackage")).AsObject();
        description["ModelPackageArn"] = PackageArn;
        using var document = JsonDocument.Parse(description.ToJsonString());

        var copy = CreateModelPackageRequest.CopyOf(ModelPackageReader.Read(document.RootElement), "central-churn");

        Assert.All(CreateModelPackageRequest.CopiedMembers, member =>
        {
            Assert.True(copy.Specification.ContainsKey(member), member + " written");
            using var written = JsonDocument.Parse(copy.Specification[member]!.ToJsonString());
            Assert.True(JsonElement.DeepEquals(document.RootElement.GetProperty(member), written.RootElement),
                member + ": " + document.RootElement.GetProperty(member).GetRawText() + " != " + written.RootElement.GetRawText());
        });
        Assert.False(copy.Specification.ContainsKey("ValidationSpecification"));
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    [SharedFact]
    public void CopyOf_ShouldCoverEveryMemberDescribeAndCreateShare()
    {
        var model = ServiceModel.Load("sagemaker");
        var output = model.Members(model.OutputShape("DescribeModelPackage"));
        var input = model.Members(model.InputShape("CreateModelPackage"));
        string[] typed = ["ModelPackageGroupName", "ModelPackageDescription", "ModelApprovalStatus", "CustomerMetadataProperties"];
        // ModelPackageName names an unversioned package; a copy is a new version in the target group instead.
        string[] deliberatelyNotCopied = ["ModelPackageName"];

        var shared = output.Keys.Intersect(input.Keys).Except(typed).Except(deliberatelyNotCopied).Order(StringComparer.Ordinal);

        Assert.Equal(shared, CreateModelPackageRequest.PassThroughMembers.Order(StringComparer.Ordinal));
        Assert.All(CreateModelPackageRequest.PassThroughMembers, m => Assert.Equal(
            model.Shape(output[m]).GetProperty("type").GetString(), model.Shape(input[m]).GetProperty("type").GetString()));
    }
}
