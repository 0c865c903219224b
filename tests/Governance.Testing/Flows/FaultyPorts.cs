using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Registry;

namespace Governance.Testing.Flows;

/// <summary>Decorators that let a <see cref="FaultPlan"/> fail a flow before any port call.</summary>
public static class FaultyPorts
{
    public static ITeamRegistry Wrap(ITeamRegistry inner, FaultPlan plan) => new Team(inner, plan);

    public static ICentralRegistry Wrap(ICentralRegistry inner, FaultPlan plan) => new Central(inner, plan);

    public static IArtifactStore Wrap(IArtifactStore inner, FaultPlan plan) => new Artifacts(inner, plan);

    public static IPipelineLauncher Wrap(IPipelineLauncher inner, FaultPlan plan) => new Launcher(inner, plan);

    public static INotifier Wrap(INotifier inner, FaultPlan plan) => new Notifier(inner, plan);

    public static ILedgerWriter Wrap(ILedgerWriter inner, FaultPlan plan) => new Ledger(inner, plan);

    private sealed class Team(ITeamRegistry inner, FaultPlan plan) : ITeamRegistry
    {
        public Task<ModelPackage> DescribeAsync(ModelPackageArn packageArn, IReadOnlyDictionary<string, string> eventTags, CancellationToken cancellationToken)
        {
            plan.Step("describe team package");
            return inner.DescribeAsync(packageArn, eventTags, cancellationToken);
        }
    }

    private sealed class Central(ICentralRegistry inner, FaultPlan plan) : ICentralRegistry
    {
        public Task<string?> FindBySourceAsync(string groupName, string sourcePackageArn, CancellationToken cancellationToken)
        {
            plan.Step("find central package");
            return inner.FindBySourceAsync(groupName, sourcePackageArn, cancellationToken);
        }

        public Task<string> EnsureGroupAsync(CentralGroupSpec group, CancellationToken cancellationToken)
        {
            plan.Step("ensure central group");
            return inner.EnsureGroupAsync(group, cancellationToken);
        }

        public Task<string> CreatePackageAsync(CentralPackageDraft draft, CancellationToken cancellationToken)
        {
            plan.Step("create central package");
            return inner.CreatePackageAsync(draft, cancellationToken);
        }

        public Task<CentralGroupOwner> GroupOwnerAsync(string groupName, CancellationToken cancellationToken) =>
            inner.GroupOwnerAsync(groupName, cancellationToken);

        public Task<string?> CurrentStatusAsync(string packageArn, CancellationToken cancellationToken)
        {
            plan.Step("read central package status");
            return inner.CurrentStatusAsync(packageArn, cancellationToken);
        }
    }

    private sealed class Artifacts(IArtifactStore inner, FaultPlan plan) : IArtifactStore
    {
        public Task<ArtifactCopy> CopyAsync(string sourceUri, string sourceAccount, string centralKey, CancellationToken cancellationToken)
        {
            plan.Step("copy " + sourceUri);
            return inner.CopyAsync(sourceUri, sourceAccount, centralKey, cancellationToken);
        }

        public Task<IReadOnlyList<ArtifactCopy>> CopyPrefixAsync(string sourcePrefixUri, string sourceAccount, string centralPrefix, CancellationToken cancellationToken)
        {
            plan.Step("copy " + sourcePrefixUri);
            return inner.CopyPrefixAsync(sourcePrefixUri, sourceAccount, centralPrefix, cancellationToken);
        }

        public Task<string?> BucketOwnerAsync(string bucket, string packageAccount, CancellationToken cancellationToken) =>
            inner.BucketOwnerAsync(bucket, packageAccount, cancellationToken);
    }

    private sealed class Launcher(IPipelineLauncher inner, FaultPlan plan) : IPipelineLauncher
    {
        public Task<PipelineLaunch> StartAsync(PipelineStart start, CancellationToken cancellationToken)
        {
            plan.Step("start pipeline");
            return inner.StartAsync(start, cancellationToken);
        }
    }

    private sealed class Notifier(INotifier inner, FaultPlan plan) : INotifier
    {
        public Task<string> PublishAsync(Notification notification, CancellationToken cancellationToken)
        {
            plan.Step("publish " + notification.EventType);
            return inner.PublishAsync(notification, cancellationToken);
        }
    }

    private sealed class Ledger(ILedgerWriter inner, FaultPlan plan) : ILedgerWriter
    {
        public Task<bool> RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken)
        {
            plan.Step("record node " + node.Node);
            return inner.RecordNodeAsync(node, cancellationToken);
        }

        public Task<bool> RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken)
        {
            plan.Step("record edge " + edge.Relation);
            return inner.RecordEdgeAsync(edge, cancellationToken);
        }

        public Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken)
        {
            plan.Step("append " + append.Draft.Kind);
            return inner.AppendAsync(append, cancellationToken);
        }

        public Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken) => inner.SetCurrentAsync(link, cancellationToken);

        public Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken) => inner.SetViolationAsync(state, cancellationToken);
    }
}
