using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Core.Routing;

namespace Governance.Core.Monitors;

/// <summary>
/// Records Config rule evaluations on the violation's chain (one violation per rule, resource type and id, account
/// and region), keeps the violation's state (open on NON_COMPLIANT, resolved on COMPLIANT or NOT_APPLICABLE) as the
/// latest evaluation by evaluation time says, links it to the resource and to the model versions the deployment
/// graph finds on that resource, and notifies <c>compliance.violation</c> (severity per rule) / <c>compliance.resolved</c>
/// when an evaluation changes the state. The chain record is written last, so a redelivery acts on nothing.
/// </summary>
public sealed class ComplianceMonitor(ILedgerWriter writer, ILedgerReader reader, ModelPackages packages, MonitorSettings settings, TimeProvider time)
    : IEventMonitor
{
    private readonly DeploymentGraph _graph = new(reader);

    public string HandlerName => HandlerNames.ComplianceMonitor;

    public async Task<MonitorOutcome> HandleAsync(ParsedEvent parsedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        if (parsedEvent.Detail is not ConfigRulesComplianceChange change)
        {
            return MonitorOutcome.Only(ProcessingResults.Ignored(parsedEvent, HandlerName, parsedEvent.Envelope.DetailType + " is not a Config rules compliance change"));
        }

        if (ComplianceObservation.EvaluationTime(change, parsedEvent.Envelope) is not { } evaluatedAt)
        {
            return MonitorOutcome.Only(ProcessingResults.Failed(parsedEvent, HandlerName, "the evaluation carries no time to order it by"));
        }

        var eventId = EventIdentity.Of(parsedEvent);
        var violation = ComplianceResources.Violation(change);
        var records = await Timelines.ReadAllAsync(reader, violation, cancellationToken).ConfigureAwait(false);
        if (records.Any(record => record.EventId == eventId))
        {
            return MonitorOutcome.Only(ProcessingResults.Processed(
                parsedEvent, HandlerName, [], "duplicate: event " + eventId + " is already recorded for " + violation));
        }

        var observation = new ComplianceObservation(eventId, change.NewEvaluation.ComplianceType, evaluatedAt, change.NewEvaluation.Annotation);
        var recorded = records.Select(ComplianceObservation.FromRecord).OfType<ComplianceObservation>().ToList();
        var (after, everOpened) = ComplianceObservation.Fold([.. recorded, observation]);

        var resource = ComplianceResources.Resource(change);
        var severity = settings.SeverityOf(change.ConfigRuleName);
        var versions = await _graph.ModelVersionsOnAsync(resource, cancellationToken).ConfigureAwait(false);
        var group = versions.Select(ModelPackages.Group).FirstOrDefault(name => name is not null);
        var effects = new List<string>();
        if (everOpened)
        {
            await RecordViolationAsync(change, violation, resource, versions, group, severity, cancellationToken).ConfigureAwait(false);
            effects.Add("linked " + violation + " to " + resource + (versions.Count == 0 ? string.Empty : " and " + string.Join(", ", versions)));
            if (after is not null)
            {
                await writer.SetViolationAsync(
                    new ViolationState(violation, resource, change.ConfigRuleName, severity.WireName(), change.AwsAccountId, after.Status, after.EvaluatedAt, after.EventId),
                    cancellationToken).ConfigureAwait(false);
                effects.Add("violation " + after.Status.ToString().ToLowerInvariant());
            }
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["rule"] = change.ConfigRuleName,
            ["resourceType"] = change.ResourceType,
            ["resourceId"] = change.ResourceId,
        };
        if (change.AwsRegion is { } region)
        {
            attributes["region"] = region;
        }

        observation.AddTo(attributes);
        var appended = await writer.AppendAsync(
            new LedgerEventDraft(violation, eventId, observation.Kind, evaluatedAt, null, change.AwsAccountId, group, attributes),
            cancellationToken).ConfigureAwait(false);

        // Evaluations handled at the same time each read the chain before the others appended, so each could see
        // itself changing the state. The chain as appended orders them: the change is this event's only if folding
        // the records before it, then it, changes the state.
        var chain = await Timelines.ReadAllAsync(reader, violation, cancellationToken).ConfigureAwait(false);
        var prior = chain.Where(record => record.Sequence < appended.Sequence)
            .Select(ComplianceObservation.FromRecord).OfType<ComplianceObservation>().ToList();
        var (priorState, _) = ComplianceObservation.Fold(prior);
        var (appendedState, _) = ComplianceObservation.Fold([.. prior, observation]);
        var notifications = new List<Notification>();
        if (appendedState?.EventId == eventId && (appendedState.Status == ViolationStatus.Open) != (priorState?.Status == ViolationStatus.Open))
        {
            var finding = new ComplianceFinding(
                change.ConfigRuleName, change.ResourceType, change.ResourceId, WireName(change.NewEvaluation.ComplianceType),
                change.NewEvaluation.Annotation, change.AwsAccountId, change.AwsRegion);
            foreach (var subject in await SubjectsAsync(versions, cancellationToken).ConfigureAwait(false))
            {
                notifications.Add(appendedState.Status == ViolationStatus.Open
                    ? ComplianceNotifications.Violation(subject, finding, evaluatedAt) with { Severity = severity }
                    : ComplianceNotifications.Resolved(subject, finding, evaluatedAt));
            }
        }

        effects.Insert(0, "appended " + observation.Kind + " to " + violation + " #" + appended.Sequence);
        effects.AddRange(notifications.Select(notification => "notify " + notification.EventType.WireName()));

        var state = after is null ? "unchanged (insufficient data)" : after.Status.ToString().ToLowerInvariant();
        var reason = "Config rule " + change.ConfigRuleName + " on " + change.ResourceType + " " + change.ResourceId + ": "
            + change.NewEvaluation.ComplianceType + "; violation " + (everOpened ? state : "never opened")
            + (versions.Count == 0 ? "; no model version on the resource" : "; model versions " + string.Join(", ", versions.Select(version => version.Id)));
        return new MonitorOutcome(ProcessingResults.Processed(parsedEvent, HandlerName, effects, reason), notifications);
    }

    private async Task RecordViolationAsync(
        ConfigRulesComplianceChange change,
        NodeRef violation,
        NodeRef resource,
        IReadOnlyList<NodeRef> versions,
        string? group,
        Severity severity,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["rule"] = change.ConfigRuleName,
            ["resourceType"] = change.ResourceType,
            ["resourceId"] = change.ResourceId,
            ["severity"] = severity.WireName(),
        };
        if (change.AwsRegion is { } region)
        {
            attributes["region"] = region;
        }

        if (change.ConfigRuleArn is { } ruleArn)
        {
            attributes["ruleArn"] = ruleArn.ToString();
        }

        await writer.RecordNodeAsync(new LedgerNode(violation, change.AwsAccountId, group, attributes, now), cancellationToken).ConfigureAwait(false);
        await writer.RecordNodeAsync(
            new LedgerNode(resource, change.AwsAccountId, null, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["resourceType"] = change.ResourceType,
                ["resourceId"] = change.ResourceId,
            }, now),
            cancellationToken).ConfigureAwait(false);
        await writer.RecordEdgeAsync(new LedgerEdge(resource, Relations.ViolatedBy, violation, now, null), cancellationToken).ConfigureAwait(false);
        foreach (var version in versions)
        {
            await writer.RecordEdgeAsync(new LedgerEdge(version, Relations.ViolatedBy, violation, now, null), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<ModelSubject>> SubjectsAsync(IReadOnlyList<NodeRef> versions, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return [ModelPackages.UnknownSubject];
        }

        var subjects = new List<ModelSubject>();
        foreach (var version in versions)
        {
            subjects.Add(await packages.SubjectAsync(version, cancellationToken).ConfigureAwait(false));
        }

        return subjects;
    }

    private static string WireName(ComplianceType type) => type switch
    {
        ComplianceType.Compliant => "COMPLIANT",
        ComplianceType.NonCompliant => "NON_COMPLIANT",
        ComplianceType.NotApplicable => "NOT_APPLICABLE",
        _ => "INSUFFICIENT_DATA",
    };
}
