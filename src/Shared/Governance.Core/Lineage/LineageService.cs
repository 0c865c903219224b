using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Registry;

namespace Governance.Core.Lineage;

/// <summary>
/// Answers the model risk managers' questions from the ledger: a model version's state, lineage and
/// timeline, what runs on an endpoint, who used an artifact, open violations, audit activity. Scoping and
/// paging tokens are the caller's business (<see cref="LineageApi"/>); this class reads and assembles.
/// </summary>
public sealed class LineageService(ILedgerReader ledger, LineageLocation location, ILocationIndex locations)
{
    /// <summary>Bounds on a single answer: hops walked each way and edges read.</summary>
    public const int UpstreamDepth = 6;
    public const int DownstreamDepth = 5;
    public const int MaxEdges = 2000;
    public const int MaxTimelineForState = 1000;

    public LineageLocation Location => location;

    public NodeRef CentralPackage(string group, int version) =>
        new(NodeTypes.CentralPackage, location.ModelPackageArn(group, version));

    public NodeRef Group(string group) => new(NodeTypes.ModelPackageGroup, location.ModelPackageGroupArn(group));

    public Task<LedgerNode?> GetNodeAsync(NodeRef node, CancellationToken cancellationToken) =>
        ledger.GetNodeAsync(node, cancellationToken);

    /// <summary>
    /// The subject that answers for a target: a central version's own node; for a team package, the central copy
    /// it became, else the team package itself (blocked or not synced); null when the ledger knows neither.
    /// </summary>
    public async Task<ResolvedVersion?> ResolveAsync(VersionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.IsCentral(location))
        {
            var central = CentralPackage(target.Group, target.Version);
            var centralNode = await ledger.GetNodeAsync(central, cancellationToken);
            return centralNode is null ? null : new ResolvedVersion(central, centralNode, await OwnerAccountAsync(central, centralNode, cancellationToken));
        }

        var source = new NodeRef(NodeTypes.SourcePackage, target.Arn(location));
        var copies = await ledger.GetNeighboursAsync(source, LineageDirection.Downstream, NodeTypes.CentralPackage, new PageRequest(10), cancellationToken);
        foreach (var copy in copies.Items)
        {
            if (await ledger.GetNodeAsync(copy.To, cancellationToken) is { } copyNode)
            {
                return new ResolvedVersion(copy.To, copyNode, await OwnerAccountAsync(copy.To, copyNode, cancellationToken));
            }
        }

        var sourceNode = await ledger.GetNodeAsync(source, cancellationToken);
        return sourceNode is null ? null : new ResolvedVersion(source, sourceNode, sourceNode.Account ?? target.Account);
    }

    /// <summary>
    /// The team account that owns a model version: the central package's <c>sourceAccount</c> attribute,
    /// else the source package's account (its node, else its ARN), else the central package's account.
    /// </summary>
    public async Task<string?> OwnerAccountAsync(NodeRef central, LedgerNode? centralNode, CancellationToken cancellationToken)
    {
        if (centralNode?.Attributes.TryGetValue("sourceAccount", out var declared) == true && AccountId.IsValid(declared))
        {
            return declared;
        }

        var sources = await ledger.GetNeighboursAsync(central, LineageDirection.Upstream, NodeTypes.SourcePackage, new PageRequest(10), cancellationToken);
        foreach (var edge in sources.Items)
        {
            var source = await ledger.GetNodeAsync(edge.From, cancellationToken);
            if (source?.Account is { } account)
            {
                return account;
            }

            if (Arn.TryParse(edge.From.Id, out var arn) && arn.HasAccountId)
            {
                return arn.Account;
            }
        }

        return centralNode?.Account;
    }

    /// <summary>A model version's approvals and deployments.</summary>
    public async Task<ModelVersionSummary> SummarizeAsync(NodeRef central, LedgerNode? centralNode, CancellationToken cancellationToken)
    {
        var downstream = await WalkAsync(central, LineageDirection.Downstream, DownstreamDepth, cancellationToken);
        var source = await SourceOfAsync(central, cancellationToken);
        var sourceView = source is null ? null : Views.Node(source, await ledger.GetNodeAsync(source, cancellationToken));
        return await SummaryAsync(central, centralNode, sourceView, await ChainAsync(source, cancellationToken), downstream, cancellationToken);
    }

    /// <summary>
    /// Upstream and downstream lineage of a model version, with its summary and the policy decision; for a team
    /// package that was never copied (<paramref name="subject"/> a source package), its upstream and why it stopped.
    /// </summary>
    public async Task<VersionLineageResponse> LineageAsync(NodeRef subject, LedgerNode? subjectNode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var central = subject;
        var team = subject.Type == NodeTypes.SourcePackage;
        var upstream = await WalkAsync(central, LineageDirection.Upstream, UpstreamDepth, cancellationToken);
        IReadOnlyList<LineageStep> downstream = team ? [] : await WalkAsync(central, LineageDirection.Downstream, DownstreamDepth, cancellationToken);
        var edges = upstream.Concat(downstream).Select(step => step.Edge).Distinct().ToList();
        var refs = edges.SelectMany(edge => new[] { edge.From, edge.To }).Append(central).Distinct().ToList();
        var stored = await Task.WhenAll(refs.Select(node => ledger.GetNodeAsync(node, cancellationToken)));
        var nodes = refs.Zip(stored, Views.Node).ToDictionary(view => view.Ref, StringComparer.Ordinal);

        var upstreamNodes = upstream.Select(step => nodes[step.Edge.From.ToString()]).DistinctBy(view => view.Ref).ToList();
        var downstreamNodes = downstream.Select(step => nodes[step.Edge.To.ToString()]).DistinctBy(view => view.Ref).ToList();
        IReadOnlyList<NodeView> Of(IEnumerable<NodeView> views, string type) => views.Where(view => view.Type == type).ToList();

        var source = team ? nodes[central.ToString()] : upstreamNodes.Find(view => view.Type == NodeTypes.SourcePackage);
        var sourceTimeline = await ChainAsync(source is null ? null : new NodeRef(source.Type, source.Id), cancellationToken);
        var summary = team
            ? TeamSummary(subject, subjectNode, source!, sourceTimeline)
            : await SummaryAsync(central, subjectNode, source, sourceTimeline, downstream, cancellationToken);
        var upstreamView = new UpstreamLineage(
            source,
            summary.SourceAccount,
            summary.LocalApproval.By,
            Of(upstreamNodes, NodeTypes.TrainingJob),
            Of(upstreamNodes, NodeTypes.Dataset),
            Of(upstreamNodes, NodeTypes.Image),
            Of(upstreamNodes, NodeTypes.Artifact),
            CodeRevision(upstreamNodes.Prepend(nodes[central.ToString()])));
        var executions = await Task.WhenAll(Of(downstreamNodes, NodeTypes.PipelineExecution).Select(view => ExecutionAsync(view, cancellationToken)));
        var downstreamView = new DownstreamLineage(
            team ? null : nodes[central.ToString()],
            executions,
            Of(downstreamNodes, NodeTypes.Model),
            Of(downstreamNodes, NodeTypes.EndpointConfig),
            Of(downstreamNodes, NodeTypes.Endpoint),
            Of(downstreamNodes, NodeTypes.Violation));
        return new VersionLineageResponse(summary, upstreamView, downstreamView, nodes.Values.ToList(), edges.Select(Views.Edge).ToList(),
            PolicyDecisionRecords.Last(sourceTimeline));
    }

    public Task<LedgerPage<LedgerRecord>> TimelineAsync(NodeRef subject, PageRequest page, CancellationToken cancellationToken) =>
        ledger.GetTimelineAsync(subject, page, cancellationToken);

    /// <summary>
    /// A model version's history: the team-side chain (receipt, policy decision, copies) merged with the central
    /// version's chain in the order things happened (each chain bounded by <see cref="MaxTimelineForState"/>).
    /// </summary>
    public async Task<IReadOnlyList<LedgerRecord>> VersionTimelineAsync(NodeRef subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var records = new List<LedgerRecord>(await ChainAsync(subject, cancellationToken));
        if (subject.Type == NodeTypes.CentralPackage && await SourceOfAsync(subject, cancellationToken) is { } source)
        {
            records.AddRange(await ChainAsync(source, cancellationToken));
        }

        return [.. records
            .OrderBy(record => record.OccurredAt)
            .ThenBy(record => record.RecordedAt)
            .ThenBy(record => record.Subject.Type == NodeTypes.SourcePackage ? 0 : 1)
            .ThenBy(record => record.Sequence)];
    }

    public Task<LedgerPage<LedgerEdge>> VersionsAsync(string group, PageRequest page, CancellationToken cancellationToken) =>
        ledger.GetNeighboursAsync(Group(group), LineageDirection.Upstream, NodeTypes.CentralPackage, page, cancellationToken);

    public Task<LedgerPage<LedgerEdge>> UsesAsync(NodeRef used, PageRequest page, CancellationToken cancellationToken) =>
        ledger.GetNeighboursAsync(used, LineageDirection.Downstream, NodeTypes.CentralPackage, page, cancellationToken);

    /// <summary>The nodes filed under an S3 prefix in the location index.</summary>
    public Task<LedgerPage<LocatedNode>> LocatedAsync(S3Location prefix, PageRequest page, CancellationToken cancellationToken) =>
        locations.FindAsync(prefix, page, cancellationToken);

    /// <summary>Every version that used a node (bounded by <see cref="MaxEdges"/>).</summary>
    public Task<IReadOnlyList<LedgerEdge>> AllUsesAsync(NodeRef used, CancellationToken cancellationToken) =>
        LedgerPaging.ReadAllAsync(page => UsesAsync(used, page, cancellationToken), MaxEdges);

    public Task<LedgerPage<ViolationState>> OpenViolationsAsync(PageRequest page, CancellationToken cancellationToken) =>
        ledger.GetOpenViolationsAsync(page, cancellationToken);

    /// <summary>The open violations of <paramref name="accounts"/>, reading only their parts of the index.</summary>
    public Task<LedgerPage<ViolationState>> OpenViolationsAsync(IReadOnlyList<string> accounts, PageRequest page, CancellationToken cancellationToken) =>
        AccountPages.AcrossAsync(accounts, page, (account, part) => ledger.GetOpenViolationsAsync(account, part, cancellationToken));

    public Task<LedgerPage<LedgerRecord>> ActivityAsync(DateTimeOffset from, DateTimeOffset to, PageRequest page, CancellationToken cancellationToken) =>
        ledger.GetActivityAsync(from, to, page, cancellationToken);

    /// <summary>The records of <paramref name="accounts"/> in [from, to), reading only their parts of the index (account by account).</summary>
    public Task<LedgerPage<LedgerRecord>> ActivityAsync(
        IReadOnlyList<string> accounts, DateTimeOffset from, DateTimeOffset to, PageRequest page, CancellationToken cancellationToken) =>
        AccountPages.AcrossAsync(accounts, page, (account, part) => ledger.GetAccountActivityAsync(account, from, to, part, cancellationToken));

    /// <summary>What <paramref name="accounts"/> filed under <paramref name="prefix"/>, reading only their own entries.</summary>
    public Task<LedgerPage<LocatedNode>> LocatedAsync(S3Location prefix, IReadOnlyList<string> accounts, PageRequest page, CancellationToken cancellationToken) =>
        AccountPages.AcrossAsync(accounts, page, (account, part) => locations.FindAsync(prefix, account, part, cancellationToken));

    public Task<LedgerPage<LedgerRecord>> AccountActivityAsync(string account, PageRequest page, CancellationToken cancellationToken) =>
        ledger.GetAccountActivityAsync(account, page, cancellationToken);

    /// <summary>The central package a resource runs now, for endpoints; null for anything else or nothing deployed.</summary>
    public async Task<CurrentLink?> RunningAsync(NodeRef resource, CancellationToken cancellationToken) =>
        resource.Type == NodeTypes.Endpoint ? await ledger.GetCurrentAsync(resource, Relations.Runs, cancellationToken) : null;

    /// <summary>What an endpoint runs, since when, and the lineage edges that deployed onto it.</summary>
    public async Task<EndpointResponse?> EndpointAsync(string name, string account, string region, CancellationToken cancellationToken)
    {
        var arn = location.EndpointArn(name, account, region);
        var endpoint = new NodeRef(NodeTypes.Endpoint, arn);
        var node = await ledger.GetNodeAsync(endpoint, cancellationToken);
        var current = await ledger.GetCurrentAsync(endpoint, Relations.Runs, cancellationToken);
        var from = await LedgerPaging.ReadAllAsync(page => ledger.GetNeighboursAsync(endpoint, LineageDirection.Upstream, null, page, cancellationToken), MaxEdges);
        if (node is null && current is null && from.Count == 0)
        {
            return null;
        }

        return new EndpointResponse(
            arn,
            name,
            account,
            region,
            node is null ? null : Views.Node(endpoint, node),
            current is null ? null : Running(current),
            from.Select(Views.Edge).ToList());
    }

    public static RunningVersionView Running(CurrentLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return ResourceNames.TryParseModelPackageArn(link.Target.Id, out var group, out var version)
            ? new RunningVersionView(link.Target.Id, group, version, link.ChangedAt)
            : new RunningVersionView(link.Target.Id, null, null, link.ChangedAt);
    }

    /// <summary>What the ledger knows of a team package that has no central copy: its team approval and why it stopped.</summary>
    private static ModelVersionSummary TeamSummary(NodeRef source, LedgerNode? node, NodeView view, IReadOnlyList<LedgerRecord> timeline)
    {
        var named = ResourceNames.TryParseModelPackageArn(source.Id, out var group, out var version);
        var account = node?.Account ?? (Arn.TryParse(source.Id, out var arn) && arn.HasAccountId ? arn.Account : null);
        return new ModelVersionSummary(
            named ? group! : node?.ModelPackageGroup ?? string.Empty,
            version,
            source.Id,
            source.Id,
            account,
            ApprovalStates.Local(view, timeline),
            ApprovalStates.NotCopied(timeline),
            [],
            node?.RecordedAt,
            []);
    }

    private async Task<NodeRef?> SourceOfAsync(NodeRef central, CancellationToken cancellationToken)
    {
        var upstream = await ledger.GetNeighboursAsync(central, LineageDirection.Upstream, NodeTypes.SourcePackage, new PageRequest(10), cancellationToken);
        return upstream.Items.Count > 0 ? upstream.Items[0].From : null;
    }

    private async Task<IReadOnlyList<LedgerRecord>> ChainAsync(NodeRef? subject, CancellationToken cancellationToken) =>
        subject is null ? [] : await LedgerPaging.ReadAllAsync(page => ledger.GetTimelineAsync(subject, page, cancellationToken), MaxTimelineForState);

    private async Task<ModelVersionSummary> SummaryAsync(
        NodeRef central, LedgerNode? centralNode, NodeView? source, IReadOnlyList<LedgerRecord> sourceTimeline, IReadOnlyList<LineageStep> downstream,
        CancellationToken cancellationToken)
    {
        var timeline = await ChainAsync(central, cancellationToken);
        var endpoints = downstream.Where(step => step.Edge.To.Type == NodeTypes.Endpoint).DistinctBy(step => step.Edge.To).ToList();
        var deployments = new List<DeploymentView>();
        foreach (var step in endpoints)
        {
            var current = await ledger.GetCurrentAsync(step.Edge.To, Relations.Runs, cancellationToken);
            var runsThis = current?.Target == central;
            var account = Arn.TryParse(step.Edge.To.Id, out var arn) && arn.HasAccountId ? arn.Account : null;
            deployments.Add(new DeploymentView(step.Edge.To.Id, account, runsThis, runsThis ? current!.ChangedAt : step.Edge.RecordedAt));
        }

        var named = ResourceNames.TryParseModelPackageArn(central.Id, out var group, out var version);
        var centralView = centralNode is null ? null : Views.Node(central, centralNode);
        return new ModelVersionSummary(
            named ? group! : centralNode?.ModelPackageGroup ?? string.Empty,
            version,
            central.Id,
            source?.Id,
            await OwnerAccountAsync(central, centralNode, cancellationToken),
            ApprovalStates.Local(source, sourceTimeline),
            ApprovalStates.Central(centralView, timeline),
            deployments,
            centralNode?.RecordedAt,
            LifeCycleStages.Current(timeline));
    }

    /// <summary>The code revision of the first node that records one (the governed version, then upstream nearest first).</summary>
    private static CodeRevisionView? CodeRevision(IEnumerable<NodeView> nodes)
    {
        foreach (var node in nodes)
        {
            if (node.Attribute("codeRevision", "gitCommit", "commit") is { } revision)
            {
                return new CodeRevisionView(revision, node.Attribute("codeRepository", "repository"), node.Attribute("generatedBy"), node.Attribute("projectId"));
            }
        }

        return null;
    }

    private async Task<ExecutionView> ExecutionAsync(NodeView execution, CancellationToken cancellationToken)
    {
        var records = await LedgerPaging.ReadAllAsync(
            page => ledger.GetTimelineAsync(new NodeRef(execution.Type, execution.Id), page, cancellationToken), MaxTimelineForState);
        var last = records.LastOrDefault(record => record.Attributes.ContainsKey("status") || record.Kind.StartsWith("deployment.", StringComparison.Ordinal));
        var startedAt = records.Count == 0 ? (DateTimeOffset?)null : records.Min(record => record.OccurredAt);
        if (last is null && records.FirstOrDefault(record => record.Kind == EvidenceVerifier.ExecutionLaunched) is { } launched)
        {
            return new ExecutionView(execution, "Started", launched.OccurredAt) { StartedAt = startedAt };
        }

        var status = last is null
            ? execution.Attribute("status")
            : last.Attributes.TryGetValue("status", out var stated) ? stated : last.Kind["deployment.".Length..];
        return new ExecutionView(execution, status, last?.OccurredAt ?? execution.RecordedAt) { StartedAt = startedAt };
    }

    private Task<IReadOnlyList<LineageStep>> WalkAsync(NodeRef start, LineageDirection direction, int depth, CancellationToken cancellationToken) =>
        LedgerPaging.ReadAllAsync(page => ledger.GetLineageAsync(new LineageQuery(start, direction, depth), page, cancellationToken), MaxEdges);
}
