namespace Governance.Core.Lineage;

/// <summary>A node of the lineage graph as the API shows it: <c>Type:Id</c> plus what the ledger knows of it.</summary>
public sealed record NodeView(
    string Type,
    string Id,
    string? Account,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset? RecordedAt)
{
    public string Ref => $"{Type}:{Id}";

    public string? Attribute(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Attributes.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>A lineage edge: <c>From</c> and <c>To</c> are node references (<c>Type:Id</c>).</summary>
public sealed record EdgeView(string From, string Relation, string To, DateTimeOffset RecordedAt);

/// <summary>Where a model version is or was deployed; <c>Current</c> when the endpoint runs it now.</summary>
public sealed record DeploymentView(string Endpoint, string? Account, bool Current, DateTimeOffset Since);

/// <summary>One approval decision.</summary>
public sealed record ApprovalView(string Status, string? By, DateTimeOffset? At);

/// <summary>A governed model version and its state.</summary>
public sealed record ModelVersionSummary(
    string Group,
    int Version,
    string Arn,
    string? SourcePackageArn,
    string? SourceAccount,
    ApprovalView LocalApproval,
    ApprovalView CentralApproval,
    IReadOnlyList<DeploymentView> Deployments,
    DateTimeOffset? RecordedAt,
    IReadOnlyList<LifeCycleStageView> LifeCycle);

/// <summary>
/// A model version's <c>ModelLifeCycle</c> stage (an environment such as <c>staging</c> or <c>production</c>) as last
/// set: its status, description, who set it and when.
/// </summary>
public sealed record LifeCycleStageView(string Stage, string? Status, string? Description, string? By, DateTimeOffset At);

public sealed record ModelVersionsResponse(string Group, IReadOnlyList<ModelVersionSummary> Versions, string? Next);

/// <summary>Where a model version came from.</summary>
public sealed record UpstreamLineage(
    NodeView? SourcePackage,
    string? Account,
    string? Approver,
    IReadOnlyList<NodeView> TrainingJobs,
    IReadOnlyList<NodeView> Datasets,
    IReadOnlyList<NodeView> Images,
    IReadOnlyList<NodeView> Artifacts,
    CodeRevisionView? CodeRevision);

/// <summary>
/// The source code a model version was built from: the commit (or other revision id) and, when recorded, the
/// repository, what generated the package and the SageMaker project.
/// </summary>
public sealed record CodeRevisionView(string Revision, string? Repository, string? GeneratedBy, string? ProjectId);

/// <summary>What was made from a model version and where it runs.</summary>
public sealed record DownstreamLineage(
    NodeView? CentralPackage,
    IReadOnlyList<ExecutionView> Executions,
    IReadOnlyList<NodeView> Models,
    IReadOnlyList<NodeView> EndpointConfigs,
    IReadOnlyList<NodeView> Endpoints,
    IReadOnlyList<NodeView> Violations);

/// <summary>A deployment pipeline execution and its last recorded outcome.</summary>
/// <param name="At">When the latest status was recorded.</param>
public sealed record ExecutionView(NodeView Execution, string? Status, DateTimeOffset? At)
{
    /// <summary>When the execution's first record says it started; null when its chain is empty.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>
/// A model version's lineage; <c>Policy</c> is the decision the sync recorded on the team package (null when none
/// was recorded). For a team package that was never copied (blocked), the summary names the team package and
/// <c>Downstream.CentralPackage</c> is null.
/// </summary>
public sealed record VersionLineageResponse(
    ModelVersionSummary Summary,
    UpstreamLineage Upstream,
    DownstreamLineage Downstream,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<EdgeView> Edges,
    PolicyDecisionView? Policy);

/// <summary>The governance policy's decision on a team package: its outcome and every rule with its plain-words explanation.</summary>
public sealed record PolicyDecisionView(string Outcome, string? Summary, string? PolicyDigest, DateTimeOffset At, IReadOnlyList<RuleResultView> Rules);

/// <summary>One rule's result: <c>Mode</c> is block or warn.</summary>
public sealed record RuleResultView(string Rule, string Mode, bool Passed, string Explanation);

/// <summary>One hash-chained ledger record.</summary>
public sealed record RecordView(
    string Subject,
    long Sequence,
    string Kind,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? Actor,
    string? Account,
    string? Group,
    IReadOnlyDictionary<string, string> Attributes,
    string EventId,
    string Hash);

public sealed record TimelineResponse(string Subject, IReadOnlyList<RecordView> Records, string? Next);

/// <summary>The model version an endpoint runs and since when.</summary>
public sealed record RunningVersionView(string ModelPackageArn, string? Group, int? Version, DateTimeOffset Since);

public sealed record EndpointResponse(
    string Arn,
    string Name,
    string Account,
    string Region,
    NodeView? Node,
    RunningVersionView? Running,
    IReadOnlyList<EdgeView> DeployedFrom);

/// <summary>
/// A model version that used a dataset, artifact or image (<c>Used</c>, a node reference); for S3 lookups
/// <c>Location</c> is the S3 URI under which that node was found.
/// </summary>
public sealed record ArtifactUseView(string Used, string ModelPackageArn, string? Group, int? Version, DateTimeOffset RecordedAt, string? Location = null);

/// <summary>The versions that used what <c>Uri</c> names; <c>Node</c> is the node a checksum or digest named (null for S3 lookups, which may match many).</summary>
public sealed record ArtifactUsageResponse(string Uri, string? Node, IReadOnlyList<ArtifactUseView> Uses, string? Next);

public sealed record ViolationView(
    string Id,
    string Resource,
    string Rule,
    string Severity,
    string? Account,
    string Status,
    DateTimeOffset ChangedAt,
    string? RunningModelPackageArn,
    string? Annotation = null);

public sealed record ViolationsResponse(IReadOnlyList<ViolationView> Violations, string? Next);

public sealed record AuditResponse(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<RecordView> Records, string? Next);

/// <summary>The body of every error answer.</summary>
public sealed record ErrorBody(string Error, string Message, string? Parameter);
