using Governance.Core.Effects;
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
/// when an evaluation changes the state. The event is handled once; the chain record is written last, right after
/// the records it was decided from (or decided again), with its notifications queued in the same transaction.
/// Config configuration items of the deployment machinery are recorded on the resource's chain (<see cref="ConfigurationChanges"/>).
/// </summary>
public sealed class ComplianceMonitor(EffectLedger effects, ILedgerReader reader, ModelPackages packages, MonitorSettings settings)
    : IDomainHandler
{
    /// <summary>How often the chain's head may move under an evaluation before it gives up (each attempt decides again).</summary>
    public const int MaxAppendAttempts = 60;

    private readonly DeploymentGraph _graph = new(reader);

    public string HandlerName => HandlerNames.ComplianceMonitor;

    public async Task<ProcessingResult> HandleAsync(ParsedEvent parsedEvent, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        if (parsedEvent.Detail is ConfigurationItemChange item)
        {
            return await new ConfigurationChanges(effects, settings, HandlerName).HandleAsync(parsedEvent, item, deadline, cancellationToken).ConfigureAwait(false);
        }

        if (parsedEvent.Detail is not ConfigRulesComplianceChange change)
        {
            return ProcessingResults.Ignored(parsedEvent, HandlerName, parsedEvent.Envelope.DetailType + " is not a Config rules compliance change");
        }

        if (ComplianceObservation.EvaluationTime(change, parsedEvent.Envelope) is not { } evaluatedAt)
        {
            return ProcessingResults.Failed(parsedEvent, HandlerName, "the evaluation carries no time to order it by");
        }

        var observation = new ComplianceObservation(EventIdentity.Of(parsedEvent), change.NewEvaluation.ComplianceType, evaluatedAt, change.NewEvaluation.Annotation);
        var violation = ComplianceResources.Violation(change);
        var handled = await effects.HandleOnceAsync(
            new EffectId(observation.EventId, HandlerName, violation.ToString()), deadline,
            (scope, token) => RecordAsync(scope, change, violation, observation, token), cancellationToken).ConfigureAwait(false);
        return ProcessingResults.Processed(parsedEvent, HandlerName, handled);
    }

    private async Task<string> RecordAsync(
        EffectScope scope, ConfigRulesComplianceChange change, NodeRef violation, ComplianceObservation observation, CancellationToken cancellationToken)
    {
        var chain = await Timelines.ReadAllAsync(reader, violation, cancellationToken).ConfigureAwait(false);
        var recorded = Observations(chain.Where(record => record.EventId != observation.EventId));
        var (after, everOpened) = ComplianceObservation.Fold([.. recorded, observation]);

        var resource = ComplianceResources.Resource(change);
        var severity = settings.SeverityOf(change.ConfigRuleName);
        var versions = await _graph.ModelVersionsOnAsync(resource, cancellationToken).ConfigureAwait(false);
        var group = versions.Select(ModelPackages.Group).FirstOrDefault(name => name is not null);
        if (everOpened)
        {
            await RecordViolationAsync(scope, change, violation, resource, versions, group, severity, cancellationToken).ConfigureAwait(false);
            if (after is not null)
            {
                await scope.SetViolationAsync(
                    new ViolationState(violation, resource, change.ConfigRuleName, severity.WireName(), change.AwsAccountId, after.Status, after.EvaluatedAt, after.EventId)
                    {
                        Annotation = after.Annotation,
                    },
                    cancellationToken).ConfigureAwait(false);
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
        var draft = new LedgerEventDraft(violation, observation.EventId, observation.Kind, observation.EvaluatedAt, null, change.AwsAccountId, group, attributes);

        // Evaluations handled at the same time each read the chain before the others appended. The chain as appended
        // orders them: the change is this event's only if folding the records before it, then it, changes the state,
        // so the record is appended right after the records the decision was taken from, or the decision is taken again.
        for (var attempt = 1; ; attempt++)
        {
            if (chain.Any(record => record.EventId == observation.EventId))
            {
                await scope.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
                break;
            }

            var notifications = await DecideAsync(change, observation, Observations(chain), versions, severity, cancellationToken).ConfigureAwait(false);
            var appended = await scope.AppendAsync(
                new ChainAppend(draft) { Outbox = scope.Queue(violation, notifications), After = new ExpectedHead(Head(violation, chain)) },
                cancellationToken).ConfigureAwait(false);
            if (appended.Status != ChainAppendStatus.HeadMoved)
            {
                break;
            }

            if (attempt >= MaxAppendAttempts)
            {
                throw new InvalidOperationException($"could not append to the chain of {violation} after {attempt} attempts under contention");
            }

            chain = await Timelines.ReadAllAsync(reader, violation, cancellationToken).ConfigureAwait(false);
        }

        var state = after is null ? "unchanged (insufficient data)" : after.Status.ToString().ToLowerInvariant();
        return "Config rule " + change.ConfigRuleName + " on " + change.ResourceType + " " + change.ResourceId + ": "
            + change.NewEvaluation.ComplianceType + "; violation " + (everOpened ? state : "never opened")
            + (versions.Count == 0 ? "; no model version on the resource" : "; model versions " + string.Join(", ", versions.Select(version => version.Id)));
    }

    /// <summary>The notifications this evaluation decides when appended after <paramref name="prior"/>: one per model version when it changes the state.</summary>
    private async Task<IReadOnlyList<Notification>> DecideAsync(
        ConfigRulesComplianceChange change, ComplianceObservation observation, IReadOnlyList<ComplianceObservation> prior,
        IReadOnlyList<NodeRef> versions, Severity severity, CancellationToken cancellationToken)
    {
        var (priorState, _) = ComplianceObservation.Fold(prior);
        var (appendedState, _) = ComplianceObservation.Fold([.. prior, observation]);
        if (appendedState?.EventId != observation.EventId || (appendedState.Status == ViolationStatus.Open) == (priorState?.Status == ViolationStatus.Open))
        {
            return [];
        }

        var finding = new ComplianceFinding(
            change.ConfigRuleName, change.ResourceType, change.ResourceId, WireName(change.NewEvaluation.ComplianceType),
            change.NewEvaluation.Annotation, change.AwsAccountId, change.AwsRegion);
        var subjects = await packages.SubjectsAsync(versions, cancellationToken).ConfigureAwait(false);
        return [.. subjects.Select(subject => appendedState.Status == ViolationStatus.Open
            ? ComplianceNotifications.Violation(subject, finding, observation.EvaluatedAt) with { Severity = severity }
            : ComplianceNotifications.Resolved(subject, finding, observation.EvaluatedAt))];
    }

    private static List<ComplianceObservation> Observations(IEnumerable<LedgerRecord> records) =>
        [.. records.Select(ComplianceObservation.FromRecord).OfType<ComplianceObservation>()];

    private static ChainHead? Head(NodeRef subject, IReadOnlyList<LedgerRecord> chain) =>
        chain.Count == 0 ? null : new ChainHead(subject, chain[^1].Sequence, chain[^1].Hash);

    private async Task RecordViolationAsync(
        EffectScope scope,
        ConfigRulesComplianceChange change,
        NodeRef violation,
        NodeRef resource,
        IReadOnlyList<NodeRef> versions,
        string? group,
        Severity severity,
        CancellationToken cancellationToken)
    {
        var now = effects.Time.GetUtcNow();
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

        await scope.RecordNodeAsync(new LedgerNode(violation, change.AwsAccountId, group, attributes, now), cancellationToken).ConfigureAwait(false);
        await scope.RecordNodeAsync(
            new LedgerNode(resource, change.AwsAccountId, null, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["resourceType"] = change.ResourceType,
                ["resourceId"] = change.ResourceId,
            }, now),
            cancellationToken).ConfigureAwait(false);
        await scope.RecordEdgeAsync(new LedgerEdge(resource, Relations.ViolatedBy, violation, now, null), cancellationToken).ConfigureAwait(false);
        foreach (var version in versions)
        {
            await scope.RecordEdgeAsync(new LedgerEdge(version, Relations.ViolatedBy, violation, now, null), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string WireName(ComplianceType type) => type switch
    {
        ComplianceType.Compliant => "COMPLIANT",
        ComplianceType.NonCompliant => "NON_COMPLIANT",
        ComplianceType.NotApplicable => "NOT_APPLICABLE",
        _ => "INSUFFICIENT_DATA",
    };
}
