using System.Text.Json;
using Governance.Core.Ledger;

namespace Governance.Core.Lineage;

/// <summary>
/// Reads the policy decision RegistrySync appends to the team package's chain (<c>policy.decision</c>, its rules as
/// a JSON array in the <c>results</c> attribute) back into a view. A malformed <c>results</c> attribute yields the
/// outcome without rules rather than failing the whole answer.
/// </summary>
public static class PolicyDecisionRecords
{
    public const string Kind = "policy.decision";

    /// <summary>The last decision of a chain, or null when none was recorded.</summary>
    public static PolicyDecisionView? Last(IReadOnlyList<LedgerRecord> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var record = timeline.LastOrDefault(record => record.Kind == Kind);
        return record is null ? null : From(record);
    }

    public static PolicyDecisionView From(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attributes = record.Attributes;
        return new PolicyDecisionView(
            attributes.GetValueOrDefault("outcome") ?? "unknown",
            attributes.GetValueOrDefault("summary"),
            attributes.GetValueOrDefault("policyDigest"),
            record.OccurredAt,
            Rules(attributes.GetValueOrDefault("results")));
    }

    /// <summary>The rules of a decision's <c>results</c> attribute; none when it is missing or malformed.</summary>
    public static IReadOnlyList<RuleResultView> Rules(string? results)
    {
        var rules = new List<RuleResultView>();
        if (string.IsNullOrEmpty(results))
        {
            return rules;
        }

        try
        {
            using var document = JsonDocument.Parse(results);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return rules;
            }

            foreach (var rule in document.RootElement.EnumerateArray().Where(rule => rule.ValueKind == JsonValueKind.Object))
            {
                rules.Add(new RuleResultView(
                    Text(rule, "rule") ?? "unknown",
                    Text(rule, "mode") ?? "block",
                    rule.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.True,
                    Text(rule, "explanation") ?? string.Empty));
            }
        }
        catch (JsonException)
        {
            rules.Clear();
        }

        return rules;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
