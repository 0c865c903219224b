using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Core.Routing;

namespace Governance.Core.Monitors;

/// <summary>
/// Records SageMaker pipeline execution and step events and CodePipeline pipeline, stage and action events on the
/// execution's chain (<see cref="NodeTypes.PipelineExecution"/>), folds them into the execution's state, and
/// notifies <c>deployment.succeeded</c> / <c>failed</c> / <c>stopped</c> when an execution the service started
/// (a <see cref="Relations.DeployedBy"/> edge from a model version) reaches a terminal state.
/// </summary>
/// <remarks>
/// The event is handled once (<see cref="EffectLedger.HandleOnceAsync"/>); the execution's chain record is written
/// last, with the notifications it decides queued in the same transaction. Deliveries out of order converge because the state is a fold over the recorded observations
/// in an order of their own (<see cref="ExecutionObservation.Compare"/>), never "the last one received".
/// </remarks>
public sealed class PipelineMonitor(EffectLedger effects, ILedgerReader reader, ModelPackages packages) : IDomainHandler
{
    public const string PipelineKindAttribute = "pipelineKind";
    public const string PipelineNameAttribute = "pipelineName";

    public string HandlerName => HandlerNames.PipelineMonitor;

    public async Task<ProcessingResult> HandleAsync(ParsedEvent parsedEvent, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        var eventId = EventIdentity.Of(parsedEvent);
        if (PipelineObservations.Read(parsedEvent, eventId) is not { } read)
        {
            return parsedEvent.Detail is PipelineExecutionStatusChange or PipelineStepStatusChange or CodePipelineStateChange
                ? ProcessingResults.Failed(parsedEvent, HandlerName, "the pipeline event carries no time to order it by")
                : ProcessingResults.Ignored(parsedEvent, HandlerName, parsedEvent.Envelope.DetailType + " is not a pipeline event");
        }

        var (run, observation) = read;
        if (!NodeRef.IsValidId(run.ExecutionId))
        {
            return ProcessingResults.Failed(parsedEvent, HandlerName,
                "the execution id cannot identify a ledger node: it must be at most " + NodeRef.MaxIdLength + " characters without control characters");
        }

        var execution = new NodeRef(NodeTypes.PipelineExecution, run.ExecutionId);
        var handled = await effects.HandleOnceAsync(
            new EffectId(eventId, HandlerName, execution.ToString()), deadline,
            (scope, token) => RecordAsync(scope, execution, run, observation, token), cancellationToken).ConfigureAwait(false);
        return ProcessingResults.Processed(parsedEvent, HandlerName, handled);
    }

    private async Task<string> RecordAsync(EffectScope scope, NodeRef execution, PipelineRun run, ExecutionObservation observation, CancellationToken cancellationToken)
    {
        // A handling that crashed after its record is not "before" this one: the decision is taken again as it was then.
        var records = await Timelines.ReadAllAsync(reader, execution, cancellationToken).ConfigureAwait(false);
        var recorded = records.Where(record => record.EventId != observation.EventId)
            .Select(ExecutionObservation.FromRecord).OfType<ExecutionObservation>().ToList();
        var before = ExecutionState.Fold(recorded);
        var after = ExecutionState.Fold([.. recorded, observation]);
        var versions = (await Timelines.NeighboursAsync(reader, execution, LineageDirection.Upstream, null, cancellationToken).ConfigureAwait(false))
            .Where(edge => edge.Relation == Relations.DeployedBy && ModelPackages.IsPackage(edge.From))
            .Select(edge => edge.From)
            .Distinct()
            .ToList();
        var group = versions.Select(ModelPackages.Group).FirstOrDefault(name => name is not null);
        await scope.RecordNodeAsync(new LedgerNode(execution, run.Account, group, RunAttributes(run), effects.Time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);

        var notifications = new List<Notification>();
        if (IsNewOutcome(before, after, observation))
        {
            foreach (var version in versions)
            {
                var notification = await OutcomeAsync(version, run, after, observation, cancellationToken).ConfigureAwait(false);
                await scope.AppendAsync(
                    new LedgerEventDraft(version, observation.EventId, notification.EventType.WireName(), observation.OccurredAt, null, run.Account,
                        ModelPackages.Group(version), OutcomeAttributes(run, after)),
                    cancellationToken).ConfigureAwait(false);
                notifications.Add(notification);
            }
        }

        // The execution's record is the last write and decides the notifications, queued with it.
        var attributes = RunAttributes(run);
        observation.AddTo(attributes);
        await scope.AppendAsync(
            new LedgerEventDraft(execution, observation.EventId, observation.Kind, observation.OccurredAt, null, run.Account, group, attributes),
            notifications, null, cancellationToken).ConfigureAwait(false);

        var state = after.Status?.ToString() ?? "not yet known";
        return versions.Count == 0
            ? "unlinked execution " + run.ExecutionId + " of " + run.PipelineKind + " " + run.PipelineName + " recorded; status " + state
            : "execution " + run.ExecutionId + " of " + run.PipelineName + " deploying " + string.Join(", ", versions.Select(version => version.Id)) + "; status " + state;
    }

    /// <summary>True when this observation made the execution terminal, or changed its terminal state or attempt.</summary>
    private static bool IsNewOutcome(ExecutionState before, ExecutionState after, ExecutionObservation observation) =>
        after.IsTerminal
        && after.Decisive?.EventId == observation.EventId
        && (before.Status != after.Status || before.Decisive?.Attempt != after.Decisive.Attempt);

    private async Task<Notification> OutcomeAsync(
        NodeRef version, PipelineRun run, ExecutionState state, ExecutionObservation observation, CancellationToken cancellationToken)
    {
        var subject = await packages.SubjectAsync(version, cancellationToken).ConfigureAwait(false);
        var execution = new DeploymentExecution(run.PipelineKind, run.PipelineName, run.ExecutionId, null, state.FailureReason);
        return state.Status switch
        {
            DeploymentStatus.Succeeded => DeploymentNotifications.Succeeded(subject, execution, observation.OccurredAt),
            DeploymentStatus.Failed or DeploymentStatus.Abandoned => DeploymentNotifications.Failed(subject, execution, observation.OccurredAt),
            _ => DeploymentNotifications.Stopped(
                subject,
                execution with { FailureReason = state.FailureReason ?? (state.Status == DeploymentStatus.Stopped ? null : "execution " + state.Status.ToString()!.ToLowerInvariant()) },
                observation.OccurredAt),
        };
    }

    private static Dictionary<string, string> RunAttributes(PipelineRun run) => new(StringComparer.Ordinal)
    {
        [PipelineKindAttribute] = run.PipelineKind,
        [PipelineNameAttribute] = run.PipelineName,
    };

    private static Dictionary<string, string> OutcomeAttributes(PipelineRun run, ExecutionState state)
    {
        var attributes = RunAttributes(run);
        attributes["executionId"] = run.ExecutionId;
        attributes["status"] = state.Status.ToString()!;
        if (state.FailureReason is { } reason)
        {
            attributes["failureReason"] = reason;
        }

        return attributes;
    }
}
