using Governance.Core.Effects;
using Governance.Core.Ledger;
using Governance.Core.Monitors;
using Governance.Core.Notifications;

namespace Governance.Core.Tests.Monitors;

public class ComplianceMonitorTests
{
    private const string Open = "config-endpoint-non-compliant.json";
    private const string Resolve = "config-endpoint-compliant.json";
    private const string Reopen = "config-endpoint-non-compliant-again.json";

    [Fact]
    public async Task Violation_OnAnEndpointOfTheDeploymentGraph_ShouldBeLinkedToTheModelVersionWithTheRuleSeverity()
    {
        var harness = new MonitorHarness();
        await harness.AuditAsync("cloudtrail-create-model.json", "cloudtrail-create-endpoint-config.json", "cloudtrail-create-endpoint.json");

        var outcome = await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture(Open), CancellationToken.None);

        var notification = Assert.Single(outcome.Notifications);
        Assert.Equal(NotificationEventType.ComplianceViolation, notification.EventType);
        Assert.Equal(Severity.Critical, notification.Severity);
        Assert.Equal(MonitorHarness.CentralPackageArn, notification.Subject.ModelPackageArn);
        Assert.Equal("The endpoint's configuration has no KMS key.", notification.Details.GetProperty("annotation").GetString());
        var violation = Assert.Single((await harness.Ledger.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items);
        Assert.Equal("arn:aws:sagemaker:us-east-1:999988887777:endpoint/fraud-endpoint", violation.Resource.Id);
        Assert.Equal("critical", violation.Severity);
        Assert.Equal("The endpoint's configuration has no KMS key.", violation.Annotation);
        Assert.Contains(harness.Ledger.AllEdges, edge =>
            edge.From == MonitorHarness.CentralPackage && edge.Relation == Relations.ViolatedBy && edge.To == violation.Violation);
        Assert.Contains(harness.Ledger.AllEdges, edge =>
            edge.From == violation.Resource && edge.Relation == Relations.ViolatedBy && edge.To == violation.Violation);
    }

    [Fact]
    public async Task OpenResolveReopen_InOrder_ShouldNotifyEachChange()
    {
        var harness = new MonitorHarness();

        var types = new List<NotificationEventType>();
        var states = new List<int>();
        foreach (var name in new[] { Open, Resolve, Reopen })
        {
            var outcome = await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture(name), CancellationToken.None);
            types.Add(Assert.Single(outcome.Notifications).EventType);
            states.Add((await harness.Ledger.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items.Count);
        }

        Assert.Equal([NotificationEventType.ComplianceViolation, NotificationEventType.ComplianceResolved, NotificationEventType.ComplianceViolation], types);
        Assert.Equal([1, 0, 1], states);
    }

    [Theory]
    [InlineData(Reopen, Open, Resolve)]
    [InlineData(Resolve, Reopen, Open)]
    [InlineData(Resolve, Open, Reopen)]
    [InlineData(Open, Reopen, Resolve)]
    public async Task OpenResolveReopen_InAnyOrder_ShouldEndOpenAtTheLatestEvaluation(string first, string second, string third)
    {
        var harness = new MonitorHarness();

        foreach (var name in new[] { first, second, third })
        {
            await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture(name), CancellationToken.None);
        }

        var violation = Assert.Single((await harness.Ledger.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items);
        Assert.Equal(new DateTimeOffset(2024, 6, 6, 9, 10, 30, TimeSpan.Zero), violation.ChangedAt);
        Assert.Equal("2c9e8d7f-0003-4b6a-8c5d-4e3f2a1b0c03", violation.EventId);
    }

    [Fact]
    public async Task Resolution_ArrivingBeforeTheOlderViolation_ShouldLeaveItResolvedWithoutNotifying()
    {
        var harness = new MonitorHarness();

        var resolved = await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture(Resolve), CancellationToken.None);
        var lateOpen = await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture(Open), CancellationToken.None);

        Assert.Empty(resolved.Notifications);
        Assert.Empty(lateOpen.Notifications);
        Assert.Empty((await harness.Ledger.GetOpenViolationsAsync(new PageRequest(), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Duplicate_OfAViolation_ShouldActOnce()
    {
        var harness = new MonitorHarness();

        var first = await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture(Open), CancellationToken.None);
        var again = await harness.HandleAsync(harness.Compliance, MonitorHarness.Fixture(Open), CancellationToken.None);

        Assert.Single(first.Notifications);
        Assert.Empty(again.Notifications);
        Assert.Empty(again.Result.Effects);
        Assert.Equal([.. first.Result.Effects, .. first.Result.AlreadyDone], again.Result.AlreadyDone);
        Assert.Contains(first.Result.Effects, effect => effect is NotificationSent);
        Assert.Single(harness.Ledger.AllRecords);
    }

    [Fact]
    public async Task Violation_OnAResourceWithoutModel_ShouldNotifyWithAnUnknownSubjectAndTheDefaultSeverity()
    {
        var harness = new MonitorHarness();
        var other = MonitorHarness.FixtureWith(Open, node => node["detail"]!["configRuleName"] = "some-unlisted-rule");

        var outcome = await harness.HandleAsync(harness.Compliance, other, CancellationToken.None);

        var notification = Assert.Single(outcome.Notifications);
        Assert.Equal(ModelSubject.Unknown, notification.Subject.ModelPackageGroup);
        Assert.Equal(harness.Settings.DefaultSeverity, notification.Severity);
    }
}
