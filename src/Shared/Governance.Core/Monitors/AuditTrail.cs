using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Processing;
using Governance.Core.Routing;

namespace Governance.Core.Monitors;

/// <summary>
/// Appends an audit record (who, from where, with what, what came back) for CloudTrail calls on governed resources
/// to the resource's chain, records the deployment graph from successful SageMaker calls, and raises
/// <c>audit.alert</c> for out-of-band actions (<see cref="AuditAlertRule"/>). Read-only calls that succeeded and
/// calls on nothing governed are ignored with a reason. Changes to the deployment machinery (pipelines, build projects,
/// deployment stacks) are recorded on the resource's chain with the routes that use it. The audit record is the last write a redelivery depends on, so
/// a redelivery acts on nothing; after it only an endpoint deployment whose upstream calls arrived meanwhile is completed.
/// </summary>
public sealed class AuditTrail : IDomainHandler
{
    private readonly EffectLedger _effects;
    private readonly ModelPackages _packages;
    private readonly AuditTargets _targets;
    private readonly DeploymentGraph _graph;
    private readonly DeploymentGraphWriter _graphWriter;
    private readonly AuditAlertRules _rules;
    private readonly DeploymentMachinery _routes;

    public AuditTrail(EffectLedger effects, ILedgerReader reader, ModelPackages packages, MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(effects);
        _effects = effects;
        _packages = packages;
        _targets = new AuditTargets(packages, settings);
        _graph = new DeploymentGraph(reader);
        _graphWriter = new DeploymentGraphWriter(reader, _targets, effects.Time);
        _rules = new AuditAlertRules(settings, reader, packages.CentralAccountId);
        _routes = settings.ChangeManagement;
    }

    public string HandlerName => HandlerNames.AuditTrail;

    public async Task<ProcessingResult> HandleAsync(ParsedEvent parsedEvent, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        if (parsedEvent.Detail is not CloudTrailApiCall call)
        {
            return ProcessingResults.Ignored(parsedEvent, HandlerName, parsedEvent.Envelope.DetailType + " is not a CloudTrail API call");
        }

        var name = call.EventSource + " " + call.EventName;
        if (_targets.Find(call, parsedEvent.Envelope) is not { } target)
        {
            return ProcessingResults.Ignored(parsedEvent, HandlerName, name + " touches no governed resource");
        }

        if (call.ErrorCode is null && CloudTrailFields.IsReadOnly(call))
        {
            return ProcessingResults.Ignored(parsedEvent, HandlerName, name + " is a read-only call that succeeded");
        }

        if ((call.EventTime ?? parsedEvent.Envelope.Time) is not { } occurredAt)
        {
            return ProcessingResults.Failed(parsedEvent, HandlerName, "the call carries no event time");
        }

        var eventId = call.EventId is { Length: > 0 } cloudTrailId ? cloudTrailId : EventIdentity.Of(parsedEvent);
        var handled = await _effects.HandleOnceAsync(
            new EffectId(eventId, HandlerName, target.Subject.ToString()), deadline,
            (scope, token) => RecordAsync(scope, call, target, occurredAt, token), cancellationToken).ConfigureAwait(false);
        return ProcessingResults.Processed(parsedEvent, HandlerName, handled);
    }

    private async Task<string> RecordAsync(EffectScope scope, CloudTrailApiCall call, AuditTarget target, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        // Rules first: "is this version deployed" must be answered before the call's own graph changes are written.
        var alerts = await _rules.EvaluateAsync(call, target, cancellationToken).ConfigureAwait(false);
        await _graphWriter.RecordAsync(scope, call, target, occurredAt, cancellationToken).ConfigureAwait(false);

        var versions = target.Subject.Type == NodeTypes.Account
            ? []
            : await _graph.ModelVersionsOnAsync(target.Subject, cancellationToken).ConfigureAwait(false);
        var principal = CloudTrailFields.Principal(call.UserIdentity);
        var notifications = new List<Notification>();
        foreach (var alert in alerts.Where(alert => alert.IsAlerted))
        {
            var finding = new AuditFinding(call.EventName, call.EventSource, principal, alert.Reason, target.Subject.Id, call.SourceIpAddress, scope.EventId);
            foreach (var subject in await _packages.SubjectsAsync(versions, cancellationToken).ConfigureAwait(false))
            {
                notifications.Add(AuditNotifications.Alert(subject, finding, occurredAt, alert.Severity!.Value, alert.Stage));
            }
        }

        // The audit record decides the alerts, queued with it; a redelivery that finds it finds them queued.
        await scope.AppendAsync(
            new LedgerEventDraft(target.Subject, scope.EventId, AuditKinds.Of(call.EventName), occurredAt, principal, target.Account, GroupNamed(call, target),
                AuditAttributes(call, target, alerts, _graphWriter.UpstreamOf(call, target), _routes.RoutesOf(target.Subject))),
            notifications, null, cancellationToken).ConfigureAwait(false);
        await _graphWriter.SettleAsync(scope, call, target, cancellationToken).ConfigureAwait(false);

        return call.EventSource + " " + call.EventName + " by " + principal + (call.ErrorCode is null ? string.Empty : " failed with " + call.ErrorCode)
            + (alerts.Count == 0 ? "; no alert"
                : alerts.Any(alert => alert.IsAlerted) ? "; alerts: " + string.Join(", ", alerts.Where(alert => alert.IsAlerted).Select(alert => alert.Rule))
                : "; recorded, not alerted (account " + target.Account + " is not a governed scope): " + string.Join(", ", alerts.Select(alert => alert.Rule)));
    }

    private static Dictionary<string, string> AuditAttributes(
        CloudTrailApiCall call, AuditTarget target, IReadOnlyList<AuditAlert> alerts, IReadOnlyList<NodeRef> uses, IReadOnlyList<string> routes)
    {
        var identity = call.UserIdentity;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["eventSource"] = call.EventSource,
            ["eventName"] = call.EventName,
            ["principal"] = CloudTrailFields.Principal(identity),
            ["region"] = target.Region,
        };
        Add(attributes, "principalType", identity?.Type);
        Add(attributes, "sessionIssuer", identity?.SessionIssuerArn);
        Add(attributes, "invokedBy", identity?.InvokedBy);
        Add(attributes, "sourceIpAddress", call.SourceIpAddress);
        Add(attributes, "userAgent", call.UserAgent);
        Add(attributes, "request", AuditedFields.Request(call));
        Add(attributes, "response", AuditedFields.Response(call));
        Add(attributes, AuditKinds.ErrorCodeAttribute, call.ErrorCode);
        Add(attributes, "errorMessage", AuditedFields.Text(call.ErrorMessage));
        Add(attributes, "requestId", call.RequestId);
        if (call.ErrorCode is null && call.EventName == "UpdateModelPackage"
            && CloudTrailFields.Text(call.RequestParameters, "modelApprovalStatus") is { } status)
        {
            attributes["approvalStatus"] = status;
            attributes["approver"] = CloudTrailFields.Principal(identity);
            Add(attributes, "approvalDescription", AuditedFields.Text(CloudTrailFields.Text(call.RequestParameters, "approvalDescription")));
        }

        Add(attributes, AuditKinds.EndpointConfigAttribute, DeploymentGraphWriter.DeployedConfig(call, target)?.Id);
        Add(attributes, AuditKinds.UsesAttribute, string.Join(' ', uses.Select(node => node.Id)));
        Add(attributes, AuditKinds.RoutesAttribute, string.Join(", ", routes));
        if (alerts.Where(alert => alert.IsAlerted).ToList() is { Count: > 0 } alerted)
        {
            attributes["alerts"] = string.Join("; ", alerted.Select(alert => alert.Rule + ": " + alert.Reason));
            attributes["alertSeverity"] = alerted[0].Severity!.Value.WireName();
            Add(attributes, "stage", alerted[0].Stage);
        }

        if (alerts.Where(alert => !alert.IsAlerted).ToList() is { Count: > 0 } recorded)
        {
            // Outside the governed scopes (a team's development account) a finding is an audit entry, not an alert.
            attributes["findings"] = string.Join("; ", recorded.Select(alert => alert.Rule + ": " + alert.Reason));
        }

        return attributes;
    }

    /// <summary>
    /// The model package group of the audit record: the group of the package the call acts on or, for CreateModel,
    /// of a package it names. Never read from the graph, which depends on what arrived before.
    /// </summary>
    private string? GroupNamed(CloudTrailApiCall call, AuditTarget target)
    {
        if (ModelPackages.IsPackage(target.Subject))
        {
            return ModelPackages.Group(target.Subject);
        }

        if (call.EventName != "CreateModel" || target.Subject.Type != NodeTypes.Model)
        {
            return null;
        }

        return CloudTrailFields.Objects(call.RequestParameters, "primaryContainer")
            .Concat(CloudTrailFields.Objects(call.RequestParameters, "containers"))
            .Select(container => _targets.Package(CloudTrailFields.Text(container, "modelPackageName"), target.Region, target.Account))
            .OfType<NodeRef>()
            .Select(ModelPackages.Group)
            .FirstOrDefault(group => group is not null);
    }

    private static void Add(Dictionary<string, string> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes[name] = value;
        }
    }
}
