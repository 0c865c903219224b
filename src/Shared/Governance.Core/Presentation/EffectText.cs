using System.Globalization;
using Governance.Core.Effects;

namespace Governance.Core.Presentation;

/// <summary>Effects in words, for the CLI's text output and log lines; the JSON form is the record itself.</summary>
public static class EffectText
{
    public static string Describe(Effect effect) => effect switch
    {
        RecordAppended appended => string.Create(CultureInfo.InvariantCulture, $"appended {appended.Kind} to {appended.Subject} #{appended.Sequence}"),
        NodeRecorded node => "recorded " + node.Node,
        EdgeRecorded edge => $"edge {edge.From} {edge.Relation} {edge.To}",
        CurrentLinkSet current => $"{current.Subject} {current.Relation} {current.Target}",
        ViolationStateSet violation => $"violation {violation.Violation} {violation.Status.ToString().ToLowerInvariant()}",
        ArtifactCopied copied => $"artifact {copied.SourceUri} copied to {copied.CentralUri} (sha256 {copied.Sha256})",
        CentralPackageCreated central => $"central package {central.CentralPackageArn} created from {central.SourcePackageArn}",
        PipelineStarted started => $"started {started.PipelineKind} {started.PipelineName} execution {started.ExecutionId} (route {started.Route})",
        NotificationQueued queued => $"queued {queued.EventType} (notification {queued.NotificationId})",
        NotificationSent sent => $"notified {sent.EventType} (message {sent.MessageId}, notification {sent.NotificationId})",
        _ => effect?.ToString() ?? throw new ArgumentNullException(nameof(effect)),
    };
}
