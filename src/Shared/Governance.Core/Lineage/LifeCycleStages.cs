using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>Reads a version's lifecycle stages out of its timeline's <c>model.lifecycle</c> records.</summary>
public static class LifeCycleStages
{
    /// <summary>The kind of the record DeploymentTrigger appends for every <c>ModelLifeCycle</c> change.</summary>
    public const string RecordKind = "model.lifecycle";

    /// <summary>Each stage's last recorded state, stages in the order they first appeared.</summary>
    public static IReadOnlyList<LifeCycleStageView> Current(IReadOnlyList<LedgerRecord> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var stages = new Dictionary<string, LifeCycleStageView>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var record in timeline.Where(record => record.Kind == RecordKind))
        {
            var stage = Value(record, "stage") ?? "(no stage)";
            if (!stages.ContainsKey(stage))
            {
                order.Add(stage);
            }

            stages[stage] = new LifeCycleStageView(
                stage, Value(record, "stageStatus"), Value(record, "stageDescription"), record.Actor ?? Value(record, "changedBy"), record.OccurredAt);
        }

        return [.. order.Select(stage => stages[stage])];
    }

    private static string? Value(LedgerRecord record, string name) =>
        record.Attributes.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
