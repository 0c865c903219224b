using System.Globalization;
using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>Which part of a pipeline execution an event reports on.</summary>
public enum ExecutionLevel
{
    Execution,
    Stage,
    Action,
    Step,
}

/// <summary>
/// Execution states of both pipeline services on one scale. Terminal states sort after the others, so "a terminal
/// state wins over a non-terminal one" is a comparison.
/// </summary>
public enum DeploymentStatus
{
    Started,
    Resumed,
    Stopping,
    Succeeded,
    Stopped,
    Superseded,
    Canceled,
    Abandoned,
    Failed,
}

/// <summary>
/// One pipeline event as the execution's chain records it. <see cref="Compare"/> is the order that decides which
/// observation of a part (the execution, a stage, an action, a step) is its state: higher execution attempt first,
/// then terminal over non-terminal, then later event time, then status, then event id. It does not depend on the
/// order of delivery, so every delivery order folds to the same state.
/// </summary>
public sealed record ExecutionObservation(
    string EventId,
    ExecutionLevel Level,
    string? Part,
    DeploymentStatus Status,
    int Attempt,
    DateTimeOffset OccurredAt,
    string? FailureReason)
{
    private const string LevelAttribute = "level";
    private const string PartAttribute = "part";
    private const string StatusAttribute = "status";
    private const string AttemptAttribute = "attempt";
    private const string FailureReasonAttribute = "failureReason";

    public bool IsTerminal => IsTerminalStatus(Status);

    /// <summary>The key that groups observations of the same part.</summary>
    public (ExecutionLevel Level, string Part) PartKey => (Level, Part ?? string.Empty);

    /// <summary>The chain record kind, e.g. <c>pipeline.action.failed</c>.</summary>
    public string Kind => "pipeline." + Level.ToString().ToLowerInvariant() + "." + Status.ToString().ToLowerInvariant();

    public static bool IsTerminalStatus(DeploymentStatus status) => status >= DeploymentStatus.Succeeded;

    public static int Compare(ExecutionObservation left, ExecutionObservation right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var order = left.Attempt.CompareTo(right.Attempt);
        if (order == 0)
        {
            order = left.IsTerminal.CompareTo(right.IsTerminal);
        }

        if (order == 0)
        {
            order = left.OccurredAt.CompareTo(right.OccurredAt);
        }

        if (order == 0)
        {
            order = left.Status.CompareTo(right.Status);
        }

        return order != 0 ? order : string.CompareOrdinal(left.EventId, right.EventId);
    }

    /// <summary>The attributes this observation is stored with, next to the pipeline's own.</summary>
    public void AddTo(IDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        attributes[LevelAttribute] = Level.ToString();
        attributes[StatusAttribute] = Status.ToString();
        attributes[AttemptAttribute] = Attempt.ToString(CultureInfo.InvariantCulture);
        if (Part is not null)
        {
            attributes[PartAttribute] = Part;
        }

        if (FailureReason is not null)
        {
            attributes[FailureReasonAttribute] = FailureReason;
        }
    }

    /// <summary>The observation a chain record holds, or null for records that are not observations.</summary>
    public static ExecutionObservation? FromRecord(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attributes = record.Attributes;
        if (!attributes.TryGetValue(LevelAttribute, out var level) || !Enum.TryParse<ExecutionLevel>(level, out var parsedLevel)
            || !attributes.TryGetValue(StatusAttribute, out var status) || !Enum.TryParse<DeploymentStatus>(status, out var parsedStatus))
        {
            return null;
        }

        var attempt = attributes.TryGetValue(AttemptAttribute, out var attemptText)
            && int.TryParse(attemptText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedAttempt) ? parsedAttempt : 0;
        return new ExecutionObservation(
            record.EventId,
            parsedLevel,
            attributes.GetValueOrDefault(PartAttribute),
            parsedStatus,
            attempt,
            record.OccurredAt,
            attributes.GetValueOrDefault(FailureReasonAttribute));
    }
}
