using System.Text.Json;
using Governance.Core.Flows;
using Governance.Core.Notifications;
using Governance.Core.Registry;
using ModelPackageReader = Governance.Aws.SageMaker.ModelPackageReader;

namespace Governance.Core.Tests.Flows;

/// <summary>What the sync copies of real packages: uncompressed (S3Prefix) models object by object, reports checked against their declared digests.</summary>
public sealed class RegistrySyncArtifactTests
{
    private const string EmptyJsonSha256 = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    private static FlowFixture WithPackage(string container, string? contentDigest = null)
    {
        var fixture = new FlowFixture();
        var digest = contentDigest is null ? string.Empty : $",\"ContentDigest\":\"{contentDigest}\"";
        var document = "{\"ModelPackageArn\":\"" + FlowFixture.SourceArn + "\",\"ModelPackageGroupName\":\"credit-risk\",\"ModelPackageVersion\":3,"
            + "\"ModelApprovalStatus\":\"Approved\",\"InferenceSpecification\":{\"Containers\":[" + container + "]},"
            + "\"ModelMetrics\":{\"Bias\":{\"Report\":{\"ContentType\":\"application/json\",\"S3Uri\":\"s3://team-ml-artifacts/v3/bias.json\"" + digest + "}}}}";
        using var parsed = JsonDocument.Parse(document);
        fixture.Team.Add(ModelPackageReader.Read(parsed.RootElement, new Dictionary<string, string> { ["team"] = "credit" }));
        return fixture;
    }

    private const string PinnedImage = "\"Image\":\"111111111111.dkr.ecr.us-east-1.amazonaws.com/credit@" + FlowFixture.Digest + "\"";

    [Fact]
    public async Task Run_WithAnS3PrefixModel_ShouldCopyEveryObjectUnderItAndPointTheCentralCopyAtTheCentralPrefix()
    {
        var fixture = WithPackage("{" + PinnedImage + ",\"ModelDataSource\":{\"S3DataSource\":{\"S3Uri\":\"s3://team-ml-artifacts/v3/model/\",\"S3DataType\":\"S3Prefix\",\"CompressionType\":\"None\"}}}");
        fixture.Artifacts.Put("s3://team-ml-artifacts/v3/model/weights.bin", "weights");
        fixture.Artifacts.Put("s3://team-ml-artifacts/v3/model/code/inference.py", "def predict(): pass");
        fixture.Artifacts.Put("s3://team-ml-artifacts/v3/model-old/weights.bin", "old");

        var result = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        var (_, draft) = Assert.Single(fixture.Central.Packages);
        Assert.Equal(
            ["s3://governance-models/111111111111/credit-risk/3/model-data/model/code/inference.py",
             "s3://governance-models/111111111111/credit-risk/3/model-data/model/weights.bin",
             "s3://governance-models/111111111111/credit-risk/3/model-metrics-bias-report/bias.json"],
            fixture.Artifacts.CentralObjects);
        Assert.Equal("s3://governance-models/111111111111/credit-risk/3/model-data/model/", draft.Replacements["s3://team-ml-artifacts/v3/model/"]);
        var copied = fixture.Ledger.AllRecords.Where(record => record.Kind == "artifact.copied").ToList();
        Assert.Equal(3, copied.Count);
        Assert.All(copied, record => Assert.Matches("^[0-9a-f]{64}$", record.Attributes["sha256"]));
        Assert.Equal(3, result.Effects.OfType<Governance.Core.Effects.ArtifactCopied>().Count());
    }

    [Fact]
    public async Task Run_WithAnS3PrefixModelDeliveredTwice_ShouldCopyOnceAndRecordEachObjectOnce()
    {
        var fixture = WithPackage("{" + PinnedImage + ",\"ModelDataUrl\":\"s3://team-ml-artifacts/v3/model/\"}");
        fixture.Artifacts.Put("s3://team-ml-artifacts/v3/model/weights.bin", "weights");

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn, eventId: "approval-1"), CancellationToken.None);
        var again = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn, eventId: "approval-1"), CancellationToken.None);

        Assert.Empty(again.Effects);
        Assert.Contains(again.AlreadyDone, effect => effect is Governance.Core.Effects.ArtifactCopied { SourceUri: "s3://team-ml-artifacts/v3/model/weights.bin" });
        Assert.Equal(2, fixture.Ledger.AllRecords.Count(record => record.Kind == "artifact.copied"));
    }

    [Fact]
    public async Task Run_WithAnEmptyPrefix_ShouldFailForGoodNamingThePrefix()
    {
        var fixture = WithPackage("{" + PinnedImage + ",\"ModelDataUrl\":\"s3://team-ml-artifacts/v3/model/\"}");

        var error = await Assert.ThrowsAsync<FlowFailedException>(() => fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None));

        Assert.Contains("model data prefix s3://team-ml-artifacts/v3/model/ holds no object", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Central.Packages);
    }

    [Fact]
    public async Task Run_WhenAReportsContentDigestDiffersFromItsContent_ShouldBlockTheVersionNamingBothDigests()
    {
        var declared = "sha256:" + new string('0', 64);
        var fixture = WithPackage("{" + PinnedImage + ",\"ModelDataUrl\":\"s3://team-ml-artifacts/v3/model.tar.gz\"}", declared);

        var result = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.Empty(fixture.Central.Packages);
        Assert.StartsWith("blocked by policy", result.Reason, StringComparison.Ordinal);
        var blocked = Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "model.blocked");
        Assert.Equal(ContentDigests.RuleId, blocked.Attributes["violations"]);
        var notification = Assert.Single(fixture.Notifier.Published);
        Assert.Equal(NotificationEventType.ModelBlocked, notification.EventType);
        Assert.Contains(declared, notification.Details.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(EmptyJsonSha256, notification.Details.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenAReportsContentDigestMatches_ShouldSubmit()
    {
        var fixture = WithPackage("{" + PinnedImage + ",\"ModelDataUrl\":\"s3://team-ml-artifacts/v3/model.tar.gz\"}", "SHA256:" + EmptyJsonSha256.ToUpperInvariant());

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.Single(fixture.Central.Packages);
    }

    [Fact]
    public async Task Run_WithTwoContainersWhoseModelsShareAFileName_ShouldCopyEachToItsOwnCentralKey()
    {
        var fixture = WithPackage(
            "{" + PinnedImage + ",\"ModelDataUrl\":\"s3://team-ml-artifacts/v3/a/model.tar.gz\"},{" + PinnedImage + ",\"ModelDataUrl\":\"s3://team-ml-artifacts/v3/b/model.tar.gz\"}");
        fixture.Artifacts.Put("s3://team-ml-artifacts/v3/a/model.tar.gz", "preprocessor");
        fixture.Artifacts.Put("s3://team-ml-artifacts/v3/b/model.tar.gz", "classifier");

        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        var (_, draft) = Assert.Single(fixture.Central.Packages);
        var first = draft.Replacements["s3://team-ml-artifacts/v3/a/model.tar.gz"];
        var second = draft.Replacements["s3://team-ml-artifacts/v3/b/model.tar.gz"];
        Assert.Equal("s3://governance-models/111111111111/credit-risk/3/model-data/inference-specification-containers-0-model-data-url/model.tar.gz", first);
        Assert.Equal("s3://governance-models/111111111111/credit-risk/3/model-data/inference-specification-containers-1-model-data-url/model.tar.gz", second);
        Assert.Equal(3, fixture.Artifacts.CentralObjects.Count);
        var copied = fixture.Ledger.AllRecords.Where(record => record.Kind == "artifact.copied").Select(record => record.Attributes["sourceUri"]).ToList();
        Assert.Contains("s3://team-ml-artifacts/v3/a/model.tar.gz", copied);
        Assert.Contains("s3://team-ml-artifacts/v3/b/model.tar.gz", copied);
    }

    [Fact]
    public async Task Run_WhenAStepWasRecordedBeforeWithOtherContent_ShouldFailNamingTheDifferenceAndCreateNothing()
    {
        var fixture = new FlowFixture();
        var source = new Governance.Core.Ledger.NodeRef(Governance.Core.Ledger.NodeTypes.SourcePackage, FlowFixture.SourceArn);
        await fixture.Ledger.AppendAsync(
            new Governance.Core.Ledger.ChainAppend(new Governance.Core.Ledger.LedgerEventDraft(
                source, FlowKeys.StepEventId("approval-7", "received"), "model.approved", DateTimeOffset.UnixEpoch, null, "111111111111", "credit-risk",
                new Dictionary<string, string> { ["approvalStatus"] = "Rejected" })),
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<FlowFailedException>(
            () => fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn, eventId: "approval-7"), CancellationToken.None));

        Assert.Contains("step 'received' of event approval-7 was already recorded", error.Message, StringComparison.Ordinal);
        Assert.Contains("approvalStatus Rejected, now Approved", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Central.Packages);
    }
}
