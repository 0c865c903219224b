using System.Text;
using System.Text.RegularExpressions;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Routing;
using Governance.Local.Lambda;
using Governance.Testing;
using static Governance.Core.Tests.Support.EventFixtures;

namespace Governance.Core.Tests.Routing;

/// <summary>Which model package events are approval decisions (<c>UpdatedModelPackageFields</c>) and which are mere updates.</summary>
public sealed partial class ModelPackageUpdateRoutingTests
{
    private const string Central = "999988887777";

    [Fact]
    public void Route_WhenACentralApprovedPackageOnlyChangesMetadata_ShouldRecordItButNotTreatItAsAnApproval()
    {
        var parsed = Parsed(Parse("model-package-central-metadata-update.json"));
        var change = Assert.IsType<ModelPackageStateChange>(parsed.Detail);

        var decision = new EventRouter(Central).Route(parsed);

        Assert.False(change.IsApprovalTransition);
        Assert.Equal(HandlerNames.DeploymentTrigger, decision.Handler);
        Assert.Contains("update of CustomerMetadataProperties", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("never deployed", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_WhenTheCentralApprovalStatusChanged_ShouldBeAnApprovalTransition()
    {
        var parsed = Parsed(Parse("model-package-central-approval-transition.json"));

        var decision = new EventRouter(Central).Route(parsed);

        Assert.True(Assert.IsType<ModelPackageStateChange>(parsed.Detail).IsApprovalTransition);
        Assert.Equal(HandlerNames.DeploymentTrigger, decision.Handler);
        Assert.Equal($"model package {Assert.IsType<ModelPackageStateChange>(parsed.Detail).ModelPackageArn} Approved in the central account", decision.Reason);
    }

    [Fact]
    public void Route_WhenAnEventNamesNoUpdatedFields_ShouldKeepTodaysMeaningOfAnApproval()
    {
        var node = Node("model-package-central-approval-transition.json");
        node["detail"]!.AsObject().Remove("UpdatedModelPackageFields");
        var parsed = Parsed(Parse(node));

        Assert.True(Assert.IsType<ModelPackageStateChange>(parsed.Detail).IsApprovalTransition);
        Assert.Equal(HandlerNames.DeploymentTrigger, new EventRouter(Central).Route(parsed).Handler);
    }

    [Fact]
    public void Route_WhenATeamApprovedPackageIsUpdatedLater_ShouldSyncNothing()
    {
        var parsed = Parsed(Parse("model-package-central-lifecycle-update.json"));

        var decision = new EventRouter("123456789012").Route(parsed);

        Assert.True(decision.IsIgnored);
        Assert.Contains("an update of ModelLifeCycle, not an approval", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenALifecycleStageChanges_ShouldReadStageStatusAndDescription()
    {
        var change = Detail<ModelPackageStateChange>("model-package-central-lifecycle-update.json");

        Assert.True(change.IsLifeCycleChange);
        Assert.False(change.IsApprovalTransition);
        Assert.Equal(("staging", "Approved", "staging tests passed"), (change.LifeCycleStage, change.LifeCycleStageStatus, change.LifeCycleStageDescription));
    }

    /// <summary>
    /// The current AWS docs sample, with only its two published defects repaired in memory (comment lines inside the
    /// array, a missing comma): a lifecycle update of a Rejected package is neither a sync nor a rejection.
    /// </summary>
    [SharedFact]
    public void Route_TheDocsLifecycleUpdateSample_ShouldBeAnUpdateNotARejection()
    {
        var text = File.ReadAllText(SharedFolder.Combine("events", "sagemaker-model-package-state-change", "docs-2025-modellifecycle-updatedfields.json.invalid"));
        var repaired = MissingComma().Replace(CommentLine().Replace(text, string.Empty), "]$1,$2\"LastModifiedTime\"");
        var parsed = Parsed(EventParser.Parse(Encoding.UTF8.GetBytes(repaired)));
        var change = Assert.IsType<ModelPackageStateChange>(parsed.Detail);

        var asCentral = new EventRouter(change.OwnerAccount).Route(parsed);
        var asTeam = new EventRouter("999999999999").Route(parsed);

        Assert.Equal(["ModelLifeCycle"], change.UpdatedFields);
        Assert.Equal(("Development", "Approved"), (change.LifeCycleStage, change.LifeCycleStageStatus));
        Assert.Equal(ModelApprovalStatus.Rejected, change.ApprovalStatus);
        Assert.Contains("update of ModelLifeCycle, recorded, never deployed", asCentral.Reason, StringComparison.Ordinal);
        Assert.True(asTeam.IsIgnored);
    }

    [GeneratedRegex(@"^\s*#.*\n", RegexOptions.Multiline)]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"\](\s*)\n(\s*)""LastModifiedTime""")]
    private static partial Regex MissingComma();
}
