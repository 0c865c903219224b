using System.Text.Json.Serialization;
using Governance.Core.Ledger;

namespace Governance.Core.Effects;

/// <summary>
/// One thing a handler did (or, in <see cref="HandledEvent.AlreadyDone"/>, found done by an earlier delivery), with
/// the ids a reader needs to find it. Serialised with a <c>type</c> discriminator; rendered for people by
/// <see cref="Presentation.EffectText"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RecordAppended), "record.appended")]
[JsonDerivedType(typeof(NodeRecorded), "node.recorded")]
[JsonDerivedType(typeof(EdgeRecorded), "edge.recorded")]
[JsonDerivedType(typeof(CurrentLinkSet), "current.set")]
[JsonDerivedType(typeof(ViolationStateSet), "violation.set")]
[JsonDerivedType(typeof(ArtifactCopied), "artifact.copied")]
[JsonDerivedType(typeof(CentralPackageCreated), "central-package.created")]
[JsonDerivedType(typeof(PipelineStarted), "pipeline.started")]
[JsonDerivedType(typeof(NotificationQueued), "notification.queued")]
[JsonDerivedType(typeof(NotificationSent), "notification.sent")]
public abstract record Effect;

/// <summary>A record appended to <paramref name="Subject"/>'s hash chain.</summary>
public sealed record RecordAppended(NodeRef Subject, string Kind, long Sequence, string RecordEventId) : Effect;

/// <summary>A lineage node recorded.</summary>
public sealed record NodeRecorded(NodeRef Node) : Effect;

/// <summary>A lineage edge recorded.</summary>
public sealed record EdgeRecorded(NodeRef From, string Relation, NodeRef To) : Effect;

/// <summary>The current target of a relation set (unless a later change stood).</summary>
public sealed record CurrentLinkSet(NodeRef Subject, string Relation, NodeRef Target) : Effect;

/// <summary>A violation's state set (unless a later change stood).</summary>
public sealed record ViolationStateSet(NodeRef Violation, ViolationStatus Status) : Effect;

/// <summary>A model artifact copied into the central bucket, its SHA-256 verified.</summary>
public sealed record ArtifactCopied(string SourceUri, string CentralUri, string Sha256, long Size) : Effect;

/// <summary>The central copy of a team package (found already there: in <see cref="HandledEvent.AlreadyDone"/>).</summary>
public sealed record CentralPackageCreated(string CentralPackageArn, string SourcePackageArn) : Effect;

/// <summary>A deployment pipeline execution started.</summary>
public sealed record PipelineStarted(string PipelineKind, string PipelineName, string ExecutionId, string Route) : Effect;

/// <summary>A notification decided and written to the outbox with the record that caused it.</summary>
public sealed record NotificationQueued(string EventType, string NotificationId, string? ModelPackageArn) : Effect;

/// <summary>A notification published to the topic.</summary>
public sealed record NotificationSent(string EventType, string NotificationId, string MessageId) : Effect;
