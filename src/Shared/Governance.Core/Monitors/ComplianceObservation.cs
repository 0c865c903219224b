using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>
/// One Config evaluation as a violation's chain records it. Evaluations are ordered by evaluation time
/// (<c>resultRecordedTime</c>, else <c>configRuleInvokedTime</c>, <c>orderingTimestamp</c>, the notification time,
/// the event time), then NON_COMPLIANT over the others, then event id.
/// </summary>
public sealed record ComplianceObservation(string EventId, ComplianceType ComplianceType, DateTimeOffset EvaluatedAt, string? Annotation)
{
    private const string ComplianceTypeAttribute = "complianceType";
    private const string AnnotationAttribute = "annotation";

    /// <summary>True unless the evaluation had insufficient data, which leaves the violation as it was.</summary>
    public bool Decides => ComplianceType != ComplianceType.InsufficientData;

    public ViolationStatus Status => ComplianceType == ComplianceType.NonCompliant ? ViolationStatus.Open : ViolationStatus.Resolved;

    public string Kind => "compliance.evaluation." + ComplianceType.ToString().ToLowerInvariant();

    public static DateTimeOffset? EvaluationTime(ConfigRulesComplianceChange change, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(envelope);
        var evaluation = change.NewEvaluation;
        return evaluation.ResultRecordedTime ?? evaluation.ConfigRuleInvokedTime ?? evaluation.OrderingTimestamp
            ?? change.NotificationCreationTime ?? envelope.Time;
    }

    public static int Compare(ComplianceObservation left, ComplianceObservation right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var order = left.EvaluatedAt.CompareTo(right.EvaluatedAt);
        if (order == 0)
        {
            order = (left.ComplianceType == ComplianceType.NonCompliant).CompareTo(right.ComplianceType == ComplianceType.NonCompliant);
        }

        if (order == 0)
        {
            order = left.ComplianceType.CompareTo(right.ComplianceType);
        }

        return order != 0 ? order : string.CompareOrdinal(left.EventId, right.EventId);
    }

    public void AddTo(IDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        attributes[ComplianceTypeAttribute] = ComplianceType.ToString();
        if (!string.IsNullOrWhiteSpace(Annotation))
        {
            attributes[AnnotationAttribute] = Annotation;
        }
    }

    public static ComplianceObservation? FromRecord(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Attributes.TryGetValue(ComplianceTypeAttribute, out var type) && Enum.TryParse<ComplianceType>(type, out var parsed)
            ? new ComplianceObservation(record.EventId, parsed, record.OccurredAt, record.Attributes.GetValueOrDefault(AnnotationAttribute))
            : null;
    }

    /// <summary>The evaluation that decides the violation's state (null when none decides), and whether it was ever non-compliant.</summary>
    public static (ComplianceObservation? Decisive, bool EverOpened) Fold(IEnumerable<ComplianceObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ComplianceObservation? decisive = null;
        var everOpened = false;
        foreach (var observation in observations)
        {
            everOpened |= observation.ComplianceType == ComplianceType.NonCompliant;
            if (observation.Decides && (decisive is null || Compare(observation, decisive) > 0))
            {
                decisive = observation;
            }
        }

        return (decisive, everOpened);
    }
}
