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
/// The execution's chain record is written last: once it is there the event was fully handled, so a redelivery
/// acts on nothing. Deliveries out of order converge because the state is a fold over the recorded observations
/// in an order of their own (<see cref="ExecutionObservation.Compare"/>), never "the last one received".
/// </remarks>
public sealed class PipelineMonitor(ILedgerWriter writer, ILedgerReader reader, ModelPackages packages, TimeProvider time) : IEventMonitor
{
    public const string PipelineKindAttribute = "pipelineKind";
    public const string PipelineNameAttribute = "pipelineName";

    public string HandlerName => HandlerNames.PipelineMonitor;

    public async Task<MonitorOutcome> HandleAsync(ParsedEvent parsedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        var eventId = EventIdentity.Of(parsedEvent);
        if (PipelineObservations.Read(parsedEvent, eventId) is not { } read)
        {
            return MonitorOutcome.Only(parsedEvent.Detail is PipelineExecutionStatusChange or PipelineStepStatusChange or CodePipelineStateChange
                ? ProcessingResults.Failed(parsedEvent, HandlerName, "the pipeline event carries no time to order it by")
                : ProcessingResults.Ignored(parsedEvent, HandlerName, parsedEvent.Envelope.DetailType + " is not a pipeline event"));
        }

        var (run, observation) = read;
        if (!NodeRef.IsValidId(run.ExecutionId))
        {
            return MonitorOutcome.Only(ProcessingResults.Failed(parsedEvent, HandlerName,
                "the execution id cannot identify a ledger node: it must be at most " + NodeRef.MaxIdLength + " characters without control characters"));
        }

        var execution = new NodeRef(NodeTypes.PipelineExecution, run.ExecutionId);
        var records = await Timelines.ReadAllAsync(reader, execution, cancellationToken).ConfigureAwait(false);
        if (records.Any(record => record.EventId == eventId))
        {
            return MonitorOutcome.Only(ProcessingResults.Processed(
                parsedEvent, HandlerName, [], "duplicate: event " + eventId + " is already recorded for " + execution));
        }

        var recorded = records.Select(ExecutionObservation.FromRecord).OfType<ExecutionObservation>().ToList();
        var before = ExecutionState.Fold(recorded);
        var after = ExecutionState.Fold([.. recorded, observation]);
        var versions = (await Timelines.NeighboursAsync(reader, execution, LineageDirection.Upstream, null, cancellationToken).ConfigureAwait(false))
            .Where(edge => edge.Relation == Relations.DeployedBy && ModelPackages.IsPackage(edge.From))
            .Select(edge => edge.From)
            .Distinct()
            .ToList();
        var group = versions.Select(ModelPackages.Group).FirstOrDefault(name => name is not null);

        var effects = new List<string>();
        await writer.RecordNodeAsync(
            new LedgerNode(execution, run.Account, group, RunAttributes(run), time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);

        var notifications = new List<Notification>();
        if (IsNewOutcome(before, after, observation))
        {
            if (versions.Count == 0)
            {
                effects.Add("no notification: execution not started by the governance service");
            }

            foreach (var version in versions)
            {
                var notification = await OutcomeAsync(version, run, after, observation, cancellationToken).ConfigureAwait(false);
                await writer.AppendAsync(
                    new LedgerEventDraft(version, eventId, notification.EventType.WireName(), observation.OccurredAt, null, run.Account,
                        ModelPackages.Group(version), OutcomeAttributes(run, after)),
                    cancellationToken).ConfigureAwait(false);
                effects.Add("appended " + notification.EventType.WireName() + " to " + version);
                notifications.Add(notification);
            }
        }

        var attributes = RunAttributes(run);
        observation.AddTo(attributes);
        var appended = await writer.AppendAsync(
            new LedgerEventDraft(execution, eventId, observation.Kind, observation.OccurredAt, null, run.Account, group, attributes),
            cancellationToken).ConfigureAwait(false);
        effects.Insert(0, "appended " + observation.Kind + " to " + execution + " #" + appended.Sequence);
        effects.AddRange(notifications.Select(notification => "notify " + notification.EventType.WireName()));

        var state = after.Status?.ToString() ?? "not yet known";
        var reason = versions.Count == 0
            ? "unlinked execution " + run.ExecutionId + " of " + run.PipelineKind + " " + run.PipelineName + " recorded; status " + state
            : "execution " + run.ExecutionId + " of " + run.PipelineName + " deploying " + string.Join(", ", versions.Select(version => version.Id)) + "; status " + state;
        return new MonitorOutcome(ProcessingResults.Processed(parsedEvent, HandlerName, effects, reason), notifications);
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
