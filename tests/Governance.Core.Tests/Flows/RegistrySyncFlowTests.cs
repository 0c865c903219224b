using Governance.Core.Effects;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Registry;
using Governance.Local.Ports;
using Governance.Testing.Flows;

namespace Governance.Core.Tests.Flows;

public sealed class RegistrySyncFlowTests
{
    [Fact]
    public async Task Run_WhenCompliant_ShouldCopyArtifactsThenCreateOneCentralPackageWithProvenanceAndNotifyOnce()
    {
        var fixture = new FlowFixture();

        var result = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        var (arn, draft) = Assert.Single(fixture.Central.Packages);
        Assert.Contains(arn, result.Reason, StringComparison.Ordinal);
        Assert.Equal(
            ["s3://governance-models/111111111111/credit-risk/3/model-data/model.tar.gz", "s3://governance-models/111111111111/credit-risk/3/model-metrics-bias-report/bias.json"],
            fixture.Artifacts.CentralObjects);
        Assert.Equal("s3://governance-models/111111111111/credit-risk/3/model-data/model.tar.gz", draft.Replacements["s3://team-ml-artifacts/v3/model.tar.gz"]);
        Assert.Equal(FlowFixture.SourceArn, draft.CustomerMetadata[ProvenanceTags.SourcePackageArn]);
        Assert.Equal("jane", draft.CustomerMetadata["owner"]);
        Assert.Equal("credit", fixture.Central.Groups["credit-risk"].Tags[ProvenanceTags.Team]);
        Assert.Equal(FlowKeys.CentralPackageToken(FlowFixture.SourceArn), draft.ClientToken);
        Assert.Equal(NotificationEventType.ModelSubmitted, Assert.Single(fixture.Notifier.Published).EventType);
        Assert.Contains(fixture.Ledger.AllEdges, edge => edge.Relation == Relations.CopiedTo && edge.To == new NodeRef(NodeTypes.CentralPackage, arn));
        Assert.Equal(new CentralPackageCreated(arn, FlowFixture.SourceArn), Assert.Single(result.Effects.OfType<CentralPackageCreated>()));
        Assert.Equal(fixture.Artifacts.CentralObjects, result.Effects.OfType<ArtifactCopied>().Select(copy => copy.CentralUri).Order(StringComparer.Ordinal));
        Assert.Equal("model.submitted", Assert.Single(result.Effects.OfType<NotificationSent>()).EventType);
        Assert.Empty(result.AlreadyDone);
    }

    [Fact]
    public async Task Run_WhenThePackageIsNoLongerApproved_ShouldRecordTheEventAsStaleAndSyncNothing()
    {
        var fixture = new FlowFixture();
        Assert.True(ModelPackageArn.TryParse(FlowFixture.SourceArn, out var arn));
        var package = await fixture.Team.DescribeAsync(arn!, new Dictionary<string, string>(), CancellationToken.None);
        fixture.Team.Add(package with { ApprovalStatus = ModelPackage.Rejected });

        var result = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.Equal("stale event: it says Approved, but the package is now Rejected; nothing was done", result.Reason);
        Assert.Empty(fixture.Central.Packages);
        Assert.Empty(fixture.Artifacts.CentralObjects);
        Assert.Empty(fixture.Notifier.Published);
        var stale = Assert.Single(fixture.Ledger.AllRecords);
        Assert.Equal("approval.stale", stale.Kind);
        Assert.Equal(new NodeRef(NodeTypes.SourcePackage, FlowFixture.SourceArn), stale.Subject);
        Assert.Equal("Rejected", stale.Attributes["currentStatus"]);
    }

    [Fact]
    public async Task Run_WhenDeliveredAgain_ShouldReturnTheRecordedResultWithoutActing()
    {
        var fixture = new FlowFixture();
        var approval = FlowFixture.Approval(FlowFixture.SourceArn);
        var first = await fixture.Sync().RunAsync(approval, CancellationToken.None);

        var second = await fixture.Sync().RunAsync(approval, CancellationToken.None);

        Assert.True(second.Replayed);
        Assert.Empty(second.Effects);
        Assert.Equal(first.Effects, second.AlreadyDone);
        Assert.StartsWith("already handled: " + first.Reason, second.Reason, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Team.Describes);
        Assert.Single(fixture.Notifier.Published);
    }

    [Fact]
    public async Task Run_WhenANewApprovalEventArrivesForAnAlreadySyncedPackage_ShouldReuseTheCentralPackage()
    {
        var fixture = new FlowFixture();
        await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        var result = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        var (arn, _) = Assert.Single(fixture.Central.Packages);
        Assert.False(result.Replayed);
        Assert.Empty(result.Effects.OfType<CentralPackageCreated>());
        Assert.Equal(new CentralPackageCreated(arn, FlowFixture.SourceArn), Assert.Single(result.AlreadyDone.OfType<CentralPackageCreated>()));
        Assert.Equal(2, fixture.Notifier.Published.Count);
    }

    [Fact]
    public async Task Run_WhenTheFlowCrashesBeforeAnyStep_ShouldCompleteOnRedeliveryWithoutDuplicates()
    {
        var probe = new FlowFixture();
        var counter = new FaultPlan(0);
        await probe.Sync(counter).RunAsync(FlowFixture.Approval(FlowFixture.SourceArn, eventId: "probe"), CancellationToken.None);
        var steps = counter.Steps;
        Assert.True(steps > 15, $"only {steps} steps: {string.Join(", ", counter.Names)}");

        for (var failAt = 1; failAt <= steps; failAt++)
        {
            var fixture = new FlowFixture();
            var approval = FlowFixture.Approval(FlowFixture.SourceArn, eventId: "event-" + failAt);
            var plan = new FaultPlan(failAt);

            var crash = await Assert.ThrowsAsync<FlowFailedException>(() => fixture.Sync(plan).RunAsync(approval, CancellationToken.None));
            Assert.IsType<InjectedFaultException>(crash.InnerException);
            var result = await fixture.Sync().RunAsync(approval, CancellationToken.None);

            Assert.False(result.Replayed);
            Assert.Single(fixture.Central.Packages);
            Assert.Single(fixture.Notifier.Published);
            Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "model.submitted" && record.Subject.Type == NodeTypes.CentralPackage);
        }
    }

    [Fact]
    public async Task Run_WhenPolicyBlocks_ShouldNeitherCopyNorCreateAndShouldNotifyBlocked()
    {
        var fixture = new FlowFixture(pinned: false);

        var result = await fixture.Sync().RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None);

        Assert.StartsWith("blocked by policy", result.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Central.Packages);
        Assert.Empty(fixture.Artifacts.CentralObjects);
        Assert.Equal(NotificationEventType.ModelBlocked, Assert.Single(fixture.Notifier.Published).EventType);
        Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "policy.decision" && record.Attributes["outcome"] == "blocked");
    }

    [Fact]
    public async Task Run_WhenAnArtifactIsMissing_ShouldFailWithTheUriRecordTheFailureAndCreateNothing()
    {
        var fixture = new FlowFixture();
        var missing = new InMemoryArtifactStore();
        missing.Put("s3://team-ml-artifacts/v3/model.tar.gz", "weights");
        var failure = await Assert.ThrowsAsync<FlowFailedException>(() => fixture.Sync(missing).RunAsync(FlowFixture.Approval(FlowFixture.SourceArn), CancellationToken.None));

        Assert.Contains("s3://team-ml-artifacts/v3/bias.json does not exist", failure.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Central.Packages);
        Assert.Empty(fixture.Notifier.Published);
        Assert.Single(fixture.Ledger.AllRecords, record => record.Kind == "sync.failed");
    }
}
