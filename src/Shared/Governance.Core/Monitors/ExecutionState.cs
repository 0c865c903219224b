namespace Governance.Core.Monitors;

/// <summary>
/// The state of a pipeline execution folded from its observations: the winning observation of every part by
/// <see cref="ExecutionObservation.Compare"/>. The same set of observations gives the same state in any order.
/// </summary>
/// <param name="Status">The execution's own state; null while only stage, action or step events are known.</param>
/// <param name="Decisive">The execution-level observation that decided <see cref="Status"/>.</param>
/// <param name="Parts">The state of every stage (<c>Stage</c>), action (<c>Stage/Action</c>) and step, keyed as <c>Level:Part</c>.</param>
/// <param name="FailureReason">The execution's failure reason, else the failed stages', actions' and steps' reasons.</param>
public sealed record ExecutionState(
    DeploymentStatus? Status,
    ExecutionObservation? Decisive,
    IReadOnlyDictionary<string, DeploymentStatus> Parts,
    string? FailureReason)
{
    public static ExecutionState Empty { get; } = new(null, null, new SortedDictionary<string, DeploymentStatus>(StringComparer.Ordinal), null);

    public bool IsTerminal => Status is { } status && ExecutionObservation.IsTerminalStatus(status);

    public static ExecutionState Fold(IEnumerable<ExecutionObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var winners = new Dictionary<(ExecutionLevel, string), ExecutionObservation>();
        foreach (var observation in observations)
        {
            if (!winners.TryGetValue(observation.PartKey, out var current) || ExecutionObservation.Compare(observation, current) > 0)
            {
                winners[observation.PartKey] = observation;
            }
        }

        var decisive = winners.Values.FirstOrDefault(observation => observation.Level == ExecutionLevel.Execution);
        var parts = new SortedDictionary<string, DeploymentStatus>(StringComparer.Ordinal);
        foreach (var winner in winners.Values.Where(observation => observation.Level != ExecutionLevel.Execution))
        {
            parts[winner.Level + ":" + winner.Part] = winner.Status;
        }

        return new ExecutionState(decisive?.Status, decisive, parts, FailureReasonOf(decisive, winners.Values));
    }

    private static string? FailureReasonOf(ExecutionObservation? decisive, IEnumerable<ExecutionObservation> winners)
    {
        if (decisive is null || decisive.Status is not (DeploymentStatus.Failed or DeploymentStatus.Stopped or DeploymentStatus.Abandoned))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(decisive.FailureReason))
        {
            return decisive.FailureReason;
        }

        var reasons = winners
            .Where(observation => observation.Level != ExecutionLevel.Execution
                && observation.Status == DeploymentStatus.Failed
                && !string.IsNullOrWhiteSpace(observation.FailureReason))
            .OrderBy(observation => observation.OccurredAt)
            .ThenBy(observation => observation.Part, StringComparer.Ordinal)
            .Select(observation => observation.FailureReason!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
