using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.SageMaker;
using Governance.Aws.Tests.Contract;
using Governance.Testing;

namespace Governance.Aws.Tests.SageMaker;

/// <summary>The SageMaker client on the wire against moto_server.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class SageMakerMotoTests(MotoServer moto)
{
    private readonly ISageMakerClient _client = MotoContext.For(moto).SageMaker(MotoContext.DefaultAccount);

    private static CreateModelPackageRequest PackageIn(string group) => new(group)
    {
        Description = "churn model",
        ModelApprovalStatus = "Approved",
        CustomerMetadataProperties = new Dictionary<string, string> { ["team"] = "risk" },
        Specification = new JsonObject
        {
            ["InferenceSpecification"] = new JsonObject
            {
                ["Containers"] = new JsonArray(new JsonObject
                {
                    ["Image"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                    ["ModelDataUrl"] = "s3://team-bucket/churn/model.tar.gz",
                }),
                ["SupportedContentTypes"] = new JsonArray("text/csv"),
                ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
            },
        },
    };

    [Fact]
    public async Task PackageGroupAndPackage_ShouldRoundTripThroughCreateDescribeListAndUpdate()
    {
        var group = MotoServer.UniqueName("grp");
        var groupArn = await _client.CreateModelPackageGroupAsync(
            new CreateModelPackageGroupRequest(group) { Description = "governed", Tags = [new ResourceTag("owner", "risk")] }, CancellationToken.None);
        Assert.EndsWith($":model-package-group/{group}", groupArn, StringComparison.Ordinal);

        var described = await _client.DescribeModelPackageGroupAsync(group, CancellationToken.None);
        Assert.Equal(group, described.Name);
        Assert.Equal("governed", described.Description);

        var packageArn = await _client.CreateModelPackageAsync(PackageIn(group), CancellationToken.None);
        var package = await _client.DescribeModelPackageAsync(packageArn, CancellationToken.None);
        Assert.Equal(packageArn, package.Arn);
        Assert.Equal(group, package.GroupName);
        Assert.Equal(1, package.Version);
        Assert.Equal("Approved", package.ApprovalStatus);
        Assert.Equal("risk", package.CustomerMetadata["team"]);
        var container = Assert.Single(package.Containers);
        Assert.Equal("s3://team-bucket/churn/model.tar.gz", container.ModelDataUrl);

        var second = await _client.CreateModelPackageAsync(PackageIn(group) with { ModelApprovalStatus = "PendingManualApproval" }, CancellationToken.None);
        var updated = await _client.UpdateModelPackageAsync(
            new UpdateModelPackageRequest(second) { ModelApprovalStatus = "Rejected", ApprovalDescription = "fails policy" }, CancellationToken.None);
        Assert.Equal(second, updated);
        Assert.Equal("Rejected", (await _client.DescribeModelPackageAsync(second, CancellationToken.None)).ApprovalStatus);

        var listed = await _client.ListModelPackagesAsync(new ModelPackageQuery { ModelPackageGroupName = group, PageSize = 1 }, CancellationToken.None).ToListAsync();
        Assert.Equal([packageArn, second], listed.Select(p => p.Arn));
        Assert.Equal([1, 2], listed.Select(p => p.Version));
    }

    [Fact]
    public async Task CopyOf_WhenPackageDescribed_ShouldCreateEquivalentPackageInAnotherGroup()
    {
        var source = MotoServer.UniqueName("src");
        var target = MotoServer.UniqueName("dst");
        await _client.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(source), CancellationToken.None);
        await _client.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(target), CancellationToken.None);
        var original = await _client.DescribeModelPackageAsync(
            await _client.CreateModelPackageAsync(PackageIn(source), CancellationToken.None), CancellationToken.None);

        var relocated = new Dictionary<string, string> { ["s3://team-bucket/churn/model.tar.gz"] = "s3://central-bucket/churn/model.tar.gz" };
        var copy = CreateModelPackageRequest.CopyOf(ModelPackageReader.Read(original.Document), target, relocated) with { ClientToken = Guid.NewGuid().ToString() };
        var copied = await _client.DescribeModelPackageAsync(await _client.CreateModelPackageAsync(copy, CancellationToken.None), CancellationToken.None);

        Assert.Equal(target, copied.GroupName);
        Assert.Equal("PendingManualApproval", copied.ApprovalStatus);
        Assert.Equal("s3://central-bucket/churn/model.tar.gz", Assert.Single(copied.Containers).ModelDataUrl);
        Assert.Equal(original.Containers[0].Image, copied.Containers[0].Image);
        Assert.Equal(original.CustomerMetadata, copied.CustomerMetadata);
    }

    [Fact]
    public async Task CopyOf_RichPackage_ShouldCreateACopyWhoseSpecificationEqualsTheSourceMemberByMember()
    {
        var source = MotoServer.UniqueName("rich");
        var target = MotoServer.UniqueName("richcopy");
        await _client.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(source), CancellationToken.None);
        await _client.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(target), CancellationToken.None);
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sagemaker", "describe-model-package.json")))!.AsObject();
        var specification = new JsonObject();
        foreach (var member in CreateModelPackageRequest.CopiedMembers.Where(fixture.ContainsKey))
        {
            specification[member] = fixture[member]!.DeepClone();
        }

        var original = await _client.DescribeModelPackageAsync(
            await _client.CreateModelPackageAsync(PackageIn(source) with { Specification = specification }, CancellationToken.None), CancellationToken.None);
        var copy = CreateModelPackageRequest.CopyOf(ModelPackageReader.Read(original.Document), target) with { ClientToken = Guid.NewGuid().ToString() };
        var copied = await _client.DescribeModelPackageAsync(await _client.CreateModelPackageAsync(copy, CancellationToken.None), CancellationToken.None);

        // The emulator keeps only some members; each one it keeps must be copied as it is.
        var kept = specification.Select(pair => pair.Key).Where(member => original.Document.TryGetProperty(member, out _)).ToList();
        Assert.Equal(["AdditionalInferenceSpecifications", "DriftCheckBaselines", "InferenceSpecification", "MetadataProperties", "ModelMetrics"],
            kept.Intersect(["InferenceSpecification", "AdditionalInferenceSpecifications", "ModelMetrics", "DriftCheckBaselines", "MetadataProperties"]).Order(StringComparer.Ordinal));
        foreach (var member in kept)
        {
            var expected = original.Document.GetProperty(member);
            Assert.True(copied.Document.TryGetProperty(member, out var actual), member + " copied");
            Assert.True(JsonElement.DeepEquals(expected, actual), member + ": " + expected.GetRawText() + " != " + actual.GetRawText());
        }

        Assert.Equal(original.CustomerMetadata, copied.CustomerMetadata);
        Assert.Equal(original.Description, copied.Description);
    }

    [SharedFact]
    public async Task CopyOf_PackageDescribedByTheWire_ShouldBuildARequestTheModelAccepts()
    {
        var group = MotoServer.UniqueName("wire");
        await _client.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(group), CancellationToken.None);
        var described = await _client.DescribeModelPackageAsync(
            await _client.CreateModelPackageAsync(PackageIn(group), CancellationToken.None), CancellationToken.None);
        await using var contract = new ContractServer("sagemaker");
        var checkedClient = ContractClients.For(contract).SageMaker(ContractClients.Credentials);

        await checkedClient.CreateModelPackageAsync(
            CreateModelPackageRequest.CopyOf(ModelPackageReader.Read(described.Document), "central-copy") with { ClientToken = "copy-1" }, CancellationToken.None);

        Assert.Empty(contract.Violations());
        Assert.True(Assert.Single(contract.Sent("CreateModelPackage")).TryGetProperty("InferenceSpecification", out _));
    }

    [Fact]
    public async Task Tags_OfANewGroup_ShouldBeListed()
    {
        var group = MotoServer.UniqueName("tag");
        var arn = await _client.CreateModelPackageGroupAsync(
            new CreateModelPackageGroupRequest(group) { Tags = [new ResourceTag("governance:source", "arn:aws:sagemaker:us-east-1:111111111111:model-package/x/1")] },
            CancellationToken.None);

        var tags = await _client.ListTagsAsync(arn, CancellationToken.None);
        Assert.Contains(new ResourceTag("governance:source", "arn:aws:sagemaker:us-east-1:111111111111:model-package/x/1"), tags);
    }

    [Fact]
    public async Task DescribeModelPackage_WhenMissing_ShouldSurfaceTypedErrorWithCode()
    {
        var error = await Assert.ThrowsAnyAsync<AwsServiceException>(
            () => _client.DescribeModelPackageAsync(MotoServer.UniqueName("none") + "/1", CancellationToken.None));

        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
        Assert.InRange(error.StatusCode, 400, 499);
    }

    [Fact]
    public async Task PipelineExecution_ShouldStartAndBeDescribed()
    {
        var pipeline = MotoServer.UniqueName("deploy");
        await CreatePipelineAsync(pipeline);

        var executionArn = await _client.StartPipelineExecutionAsync(
            new StartPipelineExecutionRequest(pipeline, Guid.NewGuid().ToString("N"))
            {
                DisplayName = "deploy-churn-1",
                Parameters = [new PipelineParameter("ModelPackageArn", "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1")],
            },
            CancellationToken.None);
        var execution = await MotoContext.For(moto).JsonChannel(AwsService.SageMaker, MotoContext.DefaultAccount)
            .CallAsync("DescribePipelineExecution", new JsonObject { ["PipelineExecutionArn"] = executionArn }, CancellationToken.None);

        Assert.Contains($":pipeline/{pipeline}/execution/", executionArn, StringComparison.Ordinal);
        Assert.Equal(executionArn, execution.GetProperty("PipelineExecutionArn").GetString());
        Assert.False(string.IsNullOrEmpty(execution.GetProperty("PipelineExecutionStatus").GetString()));
    }

    /// <summary>CreatePipeline is provisioning, not something the service does: sent raw through the json channel.</summary>
    private async Task CreatePipelineAsync(string name)
    {
        var channel = MotoContext.For(moto).JsonChannel(AwsService.SageMaker, MotoContext.DefaultAccount);
        var definition = new JsonObject
        {
            ["Version"] = "2020-12-01",
            ["Parameters"] = new JsonArray(new JsonObject { ["Name"] = "ModelPackageArn", ["Type"] = "String" }),
            ["Steps"] = new JsonArray(),
        };
        await channel.CallAsync("CreatePipeline", new JsonObject
        {
            ["PipelineName"] = name,
            ["PipelineDefinition"] = definition.ToJsonString(),
            ["RoleArn"] = "arn:aws:iam::123456789012:role/pipeline",
            ["ClientRequestToken"] = Guid.NewGuid().ToString("N"),
        }, CancellationToken.None);
    }
}
