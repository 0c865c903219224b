using System.Globalization;
using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Core.Registry;
using Governance.Core.Routing;
using static Governance.Core.Flows.FlowLedger;

namespace Governance.Core.Flows;

/// <summary>The ports and configuration <see cref="DeploymentTriggerFlow"/> works with; every side effect goes through <paramref name="Effects"/>.</summary>
public sealed record DeploymentTriggerPorts(
    ILedgerReader LedgerReader,
    IPipelineLauncher Launcher,
    DeploymentRouting Routing,
    EffectLedger Effects,
    IModelPackageReader Packages);

/// <summary>
/// A central package approved or rejected by a model risk manager. Approved: start the deployment pipeline the
/// routing picks (once per approval event: an effect claim and a token derived from the event), record the execution
/// against the model version, notify <c>deployment.started</c>. Rejected: record, notify <c>model.rejected</c>.
/// A package the ledger does not know yet (its sync has not finished) fails retryably; no matching route is a
/// recorded decision, not a failure.
/// </summary>
public sealed class DeploymentTriggerFlow(DeploymentTriggerPorts ports) : IDomainHandler
{
    public const string Handler = HandlerNames.DeploymentTrigger;

    public const string PipelineStartEffect = "pipeline.start";

    public string HandlerName => Handler;

    public Task<ProcessingResult> HandleAsync(ParsedEvent parsedEvent, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        FlowEvent.HandleAsync(parsedEvent, deadline, Handler, RunAsync, cancellationToken);

    public Task<HandledEvent> RunAsync(FlowEvent approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var central = new NodeRef(NodeTypes.CentralPackage, approval.Change.ModelPackageArn.ToString());
        return approval.RunOnceAsync(ports.Effects, Handler, central, async (scope, step, token) =>
        {
            step("find the synced package");
            var node = await ports.LedgerReader.GetNodeAsync(central, token)
                ?? throw new FlowStepException(
                    $"central package {central.Id} is not in the ledger yet: its RegistrySync has not finished; deliver the approval again later",
                    retryable: true);
            var package = Describe(ports.Packages, approval, node);
            var ledger = new FlowLedger(scope, approval, ports.Effects.Time);
            return approval.Change.ApprovalStatus == ModelApprovalStatus.Approved
                ? await DeployAsync(scope, ledger, approval, central, package, step, token)
                : await RejectAsync(ledger, approval, central, package, step, token);
        }, null, cancellationToken);
    }

    private async Task<string> DeployAsync(
        EffectScope scope, FlowLedger ledger, FlowEvent approval, NodeRef central, ModelPackage package, Action<string> step, CancellationToken cancellationToken)
    {
        step("record the approval");
        await ledger.AppendAsync(central, "approved", "model.approved", null, package.GroupName,
            Attributes(("approvedBy", approval.Approver), ("approvalDescription", package.ApprovalDescription)), cancellationToken);

        step("pick the deployment route");
        var route = ports.Routing.Match(package.GroupName, package.Tags);
        if (route is null)
        {
            var reason = $"no deployment route matches group {package.GroupName}; nothing was started";
            await ledger.AppendAsync(central, "no-route", "deployment.no-route", null, package.GroupName, Attributes(("reason", reason)), cancellationToken);
            return reason;
        }

        step($"start pipeline {route.Target.PipelineName}");
        var subject = ModelSubject.From(package);
        var parameters = DeploymentRouting.ResolveParameters(route.Target, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [RouteValues.ModelPackageArn] = package.Arn.Value,
            [RouteValues.ModelPackageGroup] = package.GroupName,
            [RouteValues.ModelPackageVersion] = package.Version?.ToString(CultureInfo.InvariantCulture),
            [RouteValues.SourceAccount] = subject.SourceAccount,
            [RouteValues.SourcePackageArn] = package.Tag(ProvenanceTags.SourcePackageArn),
            [RouteValues.Team] = subject.Team,
            [RouteValues.ApprovedBy] = approval.Approver,
            [RouteValues.ApprovalEventId] = approval.EventId,
        });
        var (launch, replayed) = await scope.RunOnceAsync(
            new EffectId(approval.EventId, PipelineStartEffect, central.Id), FlowJsonContext.Default.PipelineLaunch,
            token => ports.Launcher.StartAsync(new PipelineStart(route.Target, FlowKeys.ExecutionToken(approval.EventId), parameters), token),
            cancellationToken);
        scope.Report(new PipelineStarted(launch.Kind, launch.PipelineName, launch.ExecutionId, route.Name), replayed);
        var execution = new DeploymentExecution(launch.Kind, launch.PipelineName, launch.ExecutionId, approval.Approver);

        step("record the execution");
        var executionNode = new NodeRef(NodeTypes.PipelineExecution, execution.ExecutionId);
        await ledger.NodeAsync(executionNode, null, package.GroupName, Attributes(
            ("pipelineKind", execution.PipelineKind),
            ("pipelineName", execution.PipelineName),
            ("status", "Started"),
            ("route", route.Name),
            ("centralPackageArn", package.Arn.Value),
            ("approvalEventId", approval.EventId),
            ("approvedBy", approval.Approver)), cancellationToken);
        await ledger.EdgeAsync(central, Relations.DeployedBy, executionNode, cancellationToken);
        await ledger.AppendAsync(executionNode, "launched", EvidenceVerifier.ExecutionLaunched, null, package.GroupName, Attributes(
            ("pipelineKind", execution.PipelineKind),
            ("pipelineName", execution.PipelineName),
            ("route", route.Name),
            ("centralPackageArn", package.Arn.Value),
            ("approvedBy", approval.Approver)), cancellationToken);
        await ledger.AppendAndNotifyAsync(central, "deployment", "deployment.started", null, package.GroupName, Attributes(
            ("pipelineKind", execution.PipelineKind),
            ("pipelineName", execution.PipelineName),
            ("executionId", execution.ExecutionId)), DeploymentNotifications.Started(subject, execution, approval.OccurredAt), cancellationToken);
        step("notify deployment.started");
        return $"deployment of {subject.DisplayName} started through {execution.PipelineName}";
    }

    private static async Task<string> RejectAsync(
        FlowLedger ledger, FlowEvent approval, NodeRef central, ModelPackage package, Action<string> step, CancellationToken cancellationToken)
    {
        step("record the rejection");
        await ledger.AppendAndNotifyAsync(central, "rejected", "model.rejected", null, package.GroupName,
            Attributes(("rejectedBy", approval.Approver), ("reason", package.ApprovalDescription)),
            ModelNotifications.Rejected(package, approval.Approver, approval.OccurredAt), cancellationToken);
        step("notify model.rejected");
        return $"{ModelSubject.From(package).DisplayName} rejected centrally";
    }

    /// <summary>
    /// The central package as the approval event describes it, with the provenance the ledger recorded at sync
    /// (team, source account, source package) filling in tags the event may not carry.
    /// </summary>
    private static ModelPackage Describe(IModelPackageReader packages, FlowEvent approval, LedgerNode node)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(tags, ProvenanceTags.Team, node.Attributes, "team");
        AddIfPresent(tags, ProvenanceTags.SourceAccount, node.Attributes, "sourceAccount");
        AddIfPresent(tags, ProvenanceTags.SourcePackageArn, node.Attributes, "sourcePackageArn");
        foreach (var (key, value) in approval.EventTags)
        {
            tags[key] = value;
        }

        return packages.Read(approval.Detail, tags);
    }

    private static void AddIfPresent(Dictionary<string, string> tags, string tag, IReadOnlyDictionary<string, string> attributes, string attribute)
    {
        if (attributes.TryGetValue(attribute, out var value) && value.Length > 0)
        {
            tags[tag] = value;
        }
    }
}
