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
/// calls on nothing governed are ignored with a reason. The audit record is the last write a redelivery depends on, so
/// a redelivery acts on nothing; after it only an endpoint deployment whose upstream calls arrived meanwhile is completed.
/// </summary>
public sealed class AuditTrail : IEventMonitor
{
    private readonly ILedgerWriter _writer;
    private readonly ILedgerReader _reader;
    private readonly ModelPackages _packages;
    private readonly AuditTargets _targets;
    private readonly DeploymentGraph _graph;
    private readonly DeploymentGraphWriter _graphWriter;
    private readonly AuditAlertRules _rules;

    public AuditTrail(ILedgerWriter writer, ILedgerReader reader, ModelPackages packages, MonitorSettings settings, TimeProvider time)
    {
        _writer = writer;
        _reader = reader;
        _packages = packages;
        _targets = new AuditTargets(packages, settings);
        _graph = new DeploymentGraph(reader);
        _graphWriter = new DeploymentGraphWriter(writer, reader, _targets, time);
        _rules = new AuditAlertRules(settings, reader);
    }

    public string HandlerName => HandlerNames.AuditTrail;

    public async Task<MonitorOutcome> HandleAsync(ParsedEvent parsedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        if (parsedEvent.Detail is not CloudTrailApiCall call)
        {
            return MonitorOutcome.Only(ProcessingResults.Ignored(parsedEvent, HandlerName, parsedEvent.Envelope.DetailType + " is not a CloudTrail API call"));
        }

        var name = call.EventSource + " " + call.EventName;
        if (_targets.Find(call, parsedEvent.Envelope) is not { } target)
        {
            return MonitorOutcome.Only(ProcessingResults.Ignored(parsedEvent, HandlerName, name + " touches no governed resource"));
        }

        if (call.ErrorCode is null && CloudTrailFields.IsReadOnly(call))
        {
            return MonitorOutcome.Only(ProcessingResults.Ignored(parsedEvent, HandlerName, name + " is a read-only call that succeeded"));
        }

        if ((call.EventTime ?? parsedEvent.Envelope.Time) is not { } occurredAt)
        {
            return MonitorOutcome.Only(ProcessingResults.Failed(parsedEvent, HandlerName, "the call carries no event time"));
        }

        var eventId = call.EventId is { Length: > 0 } cloudTrailId ? cloudTrailId : EventIdentity.Of(parsedEvent);
        var timeline = await Timelines.ReadAllAsync(_reader, target.Subject, cancellationToken).ConfigureAwait(false);
        if (timeline.Any(record => record.EventId == eventId))
        {
            return MonitorOutcome.Only(ProcessingResults.Processed(
                parsedEvent, HandlerName, [], "duplicate: call " + eventId + " is already audited on " + target.Subject));
        }

        // Rules first: "is this version deployed" must be answered before the call's own graph changes are written.
        var alerts = await _rules.EvaluateAsync(call, target, cancellationToken).ConfigureAwait(false);
        var effects = new List<string>();
        effects.AddRange(await _graphWriter.RecordAsync(call, target, eventId, occurredAt, cancellationToken).ConfigureAwait(false));

        var versions = target.Subject.Type == NodeTypes.Account
            ? []
            : await _graph.ModelVersionsOnAsync(target.Subject, cancellationToken).ConfigureAwait(false);
        var principal = CloudTrailFields.Principal(call.UserIdentity);
        var notifications = new List<Notification>();
        foreach (var alert in alerts)
        {
            var finding = new AuditFinding(call.EventName, call.EventSource, principal, alert.Reason, target.Subject.Id, call.SourceIpAddress, eventId);
            foreach (var subject in await SubjectsAsync(versions, cancellationToken).ConfigureAwait(false))
            {
                notifications.Add(AuditNotifications.Alert(subject, finding, occurredAt));
            }
        }

        var appended = await _writer.AppendAsync(
            new LedgerEventDraft(target.Subject, eventId, AuditKinds.Of(call.EventName), occurredAt, principal, target.Account, GroupNamed(call, target),
                AuditAttributes(call, target, alerts, _graphWriter.UpstreamOf(call, target))),
            cancellationToken).ConfigureAwait(false);
        effects.Insert(0, "appended " + appended.Kind + " to " + target.Subject + " #" + appended.Sequence);
        effects.AddRange(await _graphWriter.SettleAsync(call, target, eventId, cancellationToken).ConfigureAwait(false));
        effects.AddRange(notifications.Select(notification => "notify " + notification.EventType.WireName()));

        var reason = name + " by " + principal + (call.ErrorCode is null ? string.Empty : " failed with " + call.ErrorCode)
            + (alerts.Count == 0 ? "; no alert" : "; alerts: " + string.Join(", ", alerts.Select(alert => alert.Rule)));
        return new MonitorOutcome(ProcessingResults.Processed(parsedEvent, HandlerName, effects, reason), notifications);
    }

    private static Dictionary<string, string> AuditAttributes(CloudTrailApiCall call, AuditTarget target, IReadOnlyList<AuditAlert> alerts, IReadOnlyList<NodeRef> uses)
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
        Add(attributes, "request", CloudTrailFields.Summary(call.RequestParameters));
        Add(attributes, "response", CloudTrailFields.Summary(call.ResponseElements));
        Add(attributes, AuditKinds.ErrorCodeAttribute, call.ErrorCode);
        Add(attributes, "errorMessage", call.ErrorMessage);
        Add(attributes, "requestId", call.RequestId);
        if (call.ErrorCode is null && call.EventName == "UpdateModelPackage"
            && CloudTrailFields.Text(call.RequestParameters, "modelApprovalStatus") is { } status)
        {
            attributes["approvalStatus"] = status;
            attributes["approver"] = CloudTrailFields.Principal(identity);
            Add(attributes, "approvalDescription", CloudTrailFields.Text(call.RequestParameters, "approvalDescription"));
        }

        Add(attributes, AuditKinds.EndpointConfigAttribute, DeploymentGraphWriter.DeployedConfig(call, target)?.Id);
        Add(attributes, AuditKinds.UsesAttribute, string.Join(' ', uses.Select(node => node.Id)));
        if (alerts.Count > 0)
        {
            attributes["alerts"] = string.Join("; ", alerts.Select(alert => alert.Rule + ": " + alert.Reason));
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

    private async Task<IReadOnlyList<ModelSubject>> SubjectsAsync(IReadOnlyList<NodeRef> versions, CancellationToken cancellationToken)
    {
        if (versions.Count == 0)
        {
            return [ModelPackages.UnknownSubject];
        }

        var subjects = new List<ModelSubject>();
        foreach (var version in versions)
        {
            subjects.Add(await _packages.SubjectAsync(version, cancellationToken).ConfigureAwait(false));
        }

        return subjects;
    }

    private static void Add(Dictionary<string, string> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes[name] = value;
        }
    }
}
