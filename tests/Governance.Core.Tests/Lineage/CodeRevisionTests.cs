using System.Text.Json;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Presentation.Reports;
using Governance.Core.Registry;
using Governance.Core.Tests.Flows;
using Governance.Local.Lambda;
using Governance.Local.Ports;
using Governance.Testing;
using ModelPackageReader = Governance.Aws.SageMaker.ModelPackageReader;

namespace Governance.Core.Tests.Lineage;

/// <summary>The code revision a package names travels through RegistrySync onto the version's lineage and every rendering of it.</summary>
public sealed class CodeRevisionTests
{
    private const string TaggedArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/credit-risk/4";
    private const string Repository = "https://git.example.com/credit/credit-risk";

    [Fact]
    public void Of_WhenMetadataPropertiesNameACommit_ShouldTakeCommitRepositoryAndProject()
    {
        var package = Package("""{"CommitId":"9f3c2ab","Repository":"https://git.example.com/credit/credit-risk","GeneratedBy":"arn:aws:sagemaker:us-east-1:111111111111:pipeline/train","ProjectId":"p-abc123"}""",
            new Dictionary<string, string> { ["git-commit"] = "ignored-when-metadata-has-one" });

        var code = CodeRevision.Of(package);

        Assert.Equal(new CodeRevision("9f3c2ab", Repository, "arn:aws:sagemaker:us-east-1:111111111111:pipeline/train", "p-abc123"), code);
    }

    [Theory]
    [InlineData("code-revision")]
    [InlineData("git-commit")]
    public void Of_WhenOnlyATagNamesTheRevision_ShouldTakeTheTagAndTheRepositoryTag(string tag)
    {
        var package = Package(null, new Dictionary<string, string> { [tag] = " 1a2b3c4 ", ["code-repository"] = "git@example.com:credit/credit-risk.git" });

        var code = CodeRevision.Of(package);

        Assert.Equal(new CodeRevision("1a2b3c4", "git@example.com:credit/credit-risk.git", null, null), code);
    }

    [Fact]
    public void Of_WhenNothingNamesARevision_ShouldBeNull()
    {
        Assert.Null(CodeRevision.Of(Package("""{"Repository":"https://git.example.com/x"}""", new Dictionary<string, string> { ["team"] = "credit" })));
    }

    [SharedFact]
    public async Task RegistrySync_OfAPackageWithACommit_ShouldShowItOnTheVersionLineageInTextHtmlAndOpenLineage()
    {
        var fixture = new FlowFixture();
        fixture.Team.Add(Package("""{"CommitId":"9f3c2ab","Repository":"https://git.example.com/credit/credit-risk"}""", new Dictionary<string, string> { ["team"] = "credit" }));

        await fixture.Sync().RunAsync(FlowFixture.Approval(TaggedArn), CancellationToken.None);

        var service = new LineageService(fixture.Ledger, new LineageLocation("123456789012", "us-east-1"), new InMemoryLocationIndex());
        var (arn, _) = Assert.Single(fixture.Central.Packages);
        var central = new NodeRef(NodeTypes.CentralPackage, arn);
        var lineage = await service.LineageAsync(central, await fixture.Ledger.GetNodeAsync(central, CancellationToken.None), CancellationToken.None);
        Assert.Equal(new CodeRevisionView("9f3c2ab", Repository, null, null), lineage.Upstream.CodeRevision);
        Assert.Contains("code revision    9f3c2ab in " + Repository, TextRenderer.Render(lineage), StringComparison.Ordinal);
        Assert.Contains("from code revision 9f3c2ab in " + Repository, HtmlRenderer.Render(new LineageReport(lineage, [], DateTimeOffset.UnixEpoch)), StringComparison.Ordinal);

        var events = OpenLineageEvents.From(lineage);
        var packaging = Assert.Single(events, e => e.Job.Name == "packaging/credit-risk" && e.EventType == "COMPLETE");
        Assert.Contains(packaging.Outputs, output => output.Name == arn.Split(':', 6)[5]);
        Assert.Contains(packaging.Outputs, output => output.Namespace.StartsWith("s3://", StringComparison.Ordinal));
        using var job = JsonDocument.Parse(OpenLineageEvents.ToJsonLines([packaging]));
        var facet = job.RootElement.GetProperty("job").GetProperty("facets").GetProperty("sourceCodeLocation");
        Assert.Empty(new OpenLineageSchemas().Validate(job.RootElement));
        Assert.Equal("git", facet.GetProperty("type").GetString());
        Assert.Equal(Repository, facet.GetProperty("url").GetString());
        Assert.Equal("9f3c2ab", facet.GetProperty("version").GetString());
    }

    [Fact]
    public async Task RegistrySync_ShouldMakeTheVersionAMemberOfItsCentralGroup()
    {
        var fixture = new FlowFixture();

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        var service = new LineageService(fixture.Ledger, new LineageLocation("123456789012", "us-east-1"), new InMemoryLocationIndex());
        var versions = await service.VersionsAsync("credit-risk", new PageRequest(10), CancellationToken.None);
        Assert.Equal(Assert.Single(fixture.Central.Packages).Arn, Assert.Single(versions.Items).From.Id);
    }

    [Fact]
    public async Task OpenLineage_WhenTheRepositoryIsNoUrl_ShouldCarryTheRevisionInTheServicesOwnFacet()
    {
        var lineage = await OpenLineageEventsTests.DemoLineageAsync();

        var training = OpenLineageEvents.From(lineage)[1];

        Assert.Null(training.Job.Facets!.SourceCodeLocation);
        Assert.Equal("git:9c1e2f7 (acme/credit-risk@main)", training.Job.Facets.CodeRevision!.Revision);
        Assert.True(Uri.TryCreate(training.Job.Facets.CodeRevision.SchemaUrl, UriKind.Absolute, out _));
    }

    private static ModelPackage Package(string? metadata, IReadOnlyDictionary<string, string> tags)
    {
        var document = $$"""
            {"ModelPackageArn":"{{TaggedArn}}","ModelPackageGroupName":"credit-risk","ModelPackageVersion":4,"ModelApprovalStatus":"Approved",
             "InferenceSpecification":{"Containers":[{"Image":"111111111111.dkr.ecr.us-east-1.amazonaws.com/credit@{{FlowFixture.Digest}}","ModelDataUrl":"s3://team-ml-artifacts/v3/model.tar.gz"}]},
             "CustomerMetadataProperties":{"owner":"jane"}{{(metadata is null ? string.Empty : ",\"MetadataProperties\":" + metadata)}}}
            """;
        using var parsed = JsonDocument.Parse(document);
        return ModelPackageReader.Read(parsed.RootElement, tags);
    }
}
