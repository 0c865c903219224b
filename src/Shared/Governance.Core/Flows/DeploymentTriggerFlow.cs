using System.Globalization;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Notifications;
using Governance.Core.Registry;
using Governance.Core.Routing;

namespace Governance.Core.Flows;

/// <summary>The ports and configuration <see cref="DeploymentTriggerFlow"/> works with.</summary>
public sealed record DeploymentTriggerPorts(
    ILedgerReader LedgerReader,
    ILedgerWriter Ledger,
    IIdempotencyStore Idempotency,
    IPipelineLauncher Launcher,
    INotifier Notifier,
    DeploymentRouting Routing,
    TimeProvider Time);

/// <summary>
/// A central package approved or rejected by a model risk manager. Approved: start the deployment pipeline the
/// routing picks (token derived from the approval event: one execution per approval event), record the execution
/// against the model version, notify <c>deployment.started</c>. Rejected: record, notify <c>model.rejected</c>.
/// A package the ledger does not know yet (its sync has not finished) fails retryably; no matching route is a
/// recorded decision, not a failure.
/// </summary>
public sealed class DeploymentTriggerFlow(DeploymentTriggerPorts ports)
{
    public const string Handler = HandlerNames.DeploymentTrigger;
    public const string LaunchScope = Handler + ".launch";
    public const string NotifyScope = Handler + ".notify";

    private readonly OnceGuard once = new(ports.Idempotency);
    private readonly FlowLedger ledger = new(ports.Ledger, ports.Time);

    public async Task<FlowResult> RunAsync(FlowEvent approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var step = "claim";
        var central = new NodeRef(NodeTypes.CentralPackage, approval.Change.ModelPackageArn.ToString());
        try
        {
            var (json, replayed) = await once.RunAsync(approval.EventId, Handler, approval.Deadline, async () =>
            {
                step = "find the synced package";
                var node = await ports.LedgerReader.GetNodeAsync(central, cancellationToken)
                    ?? throw new FlowStepException(
                        $"central package {central.Id} is not in the ledger yet: its RegistrySync has not finished; deliver the approval again later",
                        retryable: true);
                var package = Describe(approval, node);
                var result = approval.Change.ApprovalStatus == ModelApprovalStatus.Approved
                    ? await DeployAsync(approval, central, package, s => step = s, cancellationToken)
                    : await RejectAsync(approval, central, package, s => step = s, cancellationToken);
                return result.ToJson();
            }, cancellationToken);
            return replayed ? FlowResult.FromRecorded(json) : System.Text.Json.JsonSerializer.Deserialize(json, FlowJsonContext.Default.FlowResult)!;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryable = exception is FlowStepException { Retryable: true };
            var reason = exception is FlowStepException ? exception.Message : exception.GetType().Name + ": " + exception.Message;
            throw new FlowFailedException(
                $"DeploymentTrigger of {central.Id} (event {approval.EventId}) failed at step '{step}': {reason}", step, retryable, exception);
        }
    }

    private async Task<FlowResult> DeployAsync(FlowEvent approval, NodeRef central, ModelPackage package, Action<string> step, CancellationToken cancellationToken)
    {
        var effects = new List<string>();
        step("record the approval");
        await ledger.AppendAsync(central, approval.EventId, "approved", "model.approved", approval, null, package.GroupName,
            Attributes(("approvedBy", approval.Approver), ("approvalDescription", package.ApprovalDescription)), cancellationToken);
        effects.Add("recorded central approval" + (approval.Approver is { } who ? " by " + who : string.Empty));

        step("pick the deployment route");
        var route = ports.Routing.Match(package.GroupName, package.Tags);
        if (route is null)
        {
            var reason = $"no deployment route matches group {package.GroupName}; nothing was started";
            await ledger.AppendAsync(central, approval.EventId, "no-route", "deployment.no-route", approval, null, package.GroupName,
                Attributes(("reason", reason)), cancellationToken);
            effects.Add("recorded: no deployment route");
            return new FlowResult(reason, effects);
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
        var (launched, _) = await once.RunAsync(approval.EventId, LaunchScope, approval.Deadline, async () =>
        {
            var launch = await ports.Launcher.StartAsync(new PipelineStart(route.Target, FlowKeys.ExecutionToken(approval.EventId), parameters), cancellationToken);
            return string.Join('\n', launch.Kind, launch.PipelineName, launch.ExecutionId);
        }, cancellationToken);
        var parts = launched.Split('\n');
        var execution = new DeploymentExecution(parts[0], parts[1], parts[2], approval.Approver);
        effects.Add($"started {execution.PipelineKind} {execution.PipelineName} execution {execution.ExecutionId} (route {route.Name})");

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
        await ledger.EdgeAsync(central, Relations.DeployedBy, executionNode, approval.EventId, cancellationToken);
        await ledger.AppendAsync(executionNode, approval.EventId, "launched", EvidenceVerifier.ExecutionLaunched, approval, null, package.GroupName, Attributes(
            ("pipelineKind", execution.PipelineKind),
            ("pipelineName", execution.PipelineName),
            ("route", route.Name),
            ("centralPackageArn", package.Arn.Value),
            ("approvedBy", approval.Approver)), cancellationToken);
        await ledger.AppendAsync(central, approval.EventId, "deployment", "deployment.started", approval, null, package.GroupName, Attributes(
            ("pipelineKind", execution.PipelineKind),
            ("pipelineName", execution.PipelineName),
            ("executionId", execution.ExecutionId)), cancellationToken);

        step("notify deployment.started");
        effects.Add(await NotifyAsync(approval, central, package, DeploymentNotifications.Started(subject, execution, approval.OccurredAt), cancellationToken));
        return new FlowResult($"deployment of {subject.DisplayName} started through {execution.PipelineName}", effects);
    }

    private async Task<FlowResult> RejectAsync(FlowEvent approval, NodeRef central, ModelPackage package, Action<string> step, CancellationToken cancellationToken)
    {
        var effects = new List<string>();
        step("record the rejection");
        await ledger.AppendAsync(central, approval.EventId, "rejected", "model.rejected", approval, null, package.GroupName,
            Attributes(("rejectedBy", approval.Approver), ("reason", package.ApprovalDescription)), cancellationToken);
        effects.Add("recorded central rejection" + (approval.Approver is { } who ? " by " + who : string.Empty));

        step("notify model.rejected");
        effects.Add(await NotifyAsync(approval, central, package, ModelNotifications.Rejected(package, approval.Approver, approval.OccurredAt), cancellationToken));
        return new FlowResult($"{ModelSubject.From(package).DisplayName} rejected centrally", effects);
    }

    private async Task<string> NotifyAsync(FlowEvent approval, NodeRef central, ModelPackage package, Notification notification, CancellationToken cancellationToken)
    {
        var type = notification.EventType.WireName();
        var (messageId, replayed) = await once.RunAsync(approval.EventId, NotifyScope, approval.Deadline,
            () => ports.Notifier.PublishAsync(notification, cancellationToken), cancellationToken);
        if (replayed)
        {
            return $"notification {type} already published (message {messageId})";
        }

        await ledger.AppendAsync(central, approval.EventId, "notified", "notification.published", approval, null, package.GroupName,
            Attributes(("eventType", type), ("messageId", messageId)), cancellationToken);
        return $"notified {type} (message {messageId})";
    }

    /// <summary>
    /// The central package as the approval event describes it, with the provenance the ledger recorded at sync
    /// (team, source account, source package) filling in tags the event may not carry.
    /// </summary>
    private static ModelPackage Describe(FlowEvent approval, LedgerNode node)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(tags, ProvenanceTags.Team, node.Attributes, "team");
        AddIfPresent(tags, ProvenanceTags.SourceAccount, node.Attributes, "sourceAccount");
        AddIfPresent(tags, ProvenanceTags.SourcePackageArn, node.Attributes, "sourcePackageArn");
        foreach (var (key, value) in approval.EventTags)
        {
            tags[key] = value;
        }

        return ModelPackageReader.Read(approval.Detail, tags);
    }

    private static void AddIfPresent(Dictionary<string, string> tags, string tag, IReadOnlyDictionary<string, string> attributes, string attribute)
    {
        if (attributes.TryGetValue(attribute, out var value) && value.Length > 0)
        {
            tags[tag] = value;
        }
    }

    private static Dictionary<string, string> Attributes(params (string Key, string? Value)[] pairs) =>
        pairs.Where(pair => !string.IsNullOrEmpty(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
}
