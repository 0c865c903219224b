using System.Globalization;
using Governance.Core.Ledger;
using Governance.Core.Monitors;

namespace Governance.Core.Lineage;

/// <summary>
/// Checks that what the lineage view shows from node attributes and edges (approvers, the package a deployment
/// came from, deployment edges) is backed by hash-chained records, which <see cref="ChainVerifier"/> and the
/// anchored digests protect. Nodes and edges are kept in place and can be rewritten by a writer with table
/// access; a rewrite that the chains do not back is reported here:
/// <list type="bullet">
/// <item><c>DISAGREES</c>: a node attribute differs from every chained record that states it;</item>
/// <item><c>UNBACKED</c>: a node attribute or an edge no chained record states.</item>
/// </list>
/// Feed every chain (<see cref="Add"/>), then check each node and edge. Only the evidence the lineage view shows is
/// checked: team and central approvals, the central package's source, the execution a deployment started, and
/// the deployment graph (package or image used by model, model by endpoint config, config by endpoint, version
/// serving an endpoint).
/// </summary>
public sealed class EvidenceVerifier
{
    /// <summary>Appended to a pipeline execution's chain by DeploymentTrigger when it starts the execution.</summary>
    public const string ExecutionLaunched = "execution.launched";

    private const string ModelApproved = "model.approved";
    private const string ModelSubmitted = "model.submitted";
    private const string DeploymentStarted = "deployment.started";
    private const string AnyKind = "*";

    /// <summary>Node attribute → the chained records that state it: (record kind, how a record states the value).</summary>
    private static readonly Dictionary<(string Type, string Attribute), (string Kind, Func<LedgerRecord, string?> Value)> AttributeRules = new()
    {
        [(NodeTypes.SourcePackage, "approvedBy")] = (ModelApproved, record => record.Actor ?? record.Attributes.GetValueOrDefault("approvedBy")),
        [(NodeTypes.SourcePackage, "approvedAt")] = (ModelApproved, record => record.OccurredAt.ToString("O", CultureInfo.InvariantCulture)),
        [(NodeTypes.CentralPackage, "sourcePackageArn")] = (ModelSubmitted, record => record.Attributes.GetValueOrDefault("sourcePackageArn")),
        [(NodeTypes.CentralPackage, "approvedBy")] = (ModelSubmitted, record => record.Actor),
        [(NodeTypes.PipelineExecution, "centralPackageArn")] = (ExecutionLaunched, record => record.Attributes.GetValueOrDefault("centralPackageArn")),
        [(NodeTypes.PipelineExecution, "approvedBy")] = (ExecutionLaunched, record => record.Attributes.GetValueOrDefault("approvedBy")),
        [(NodeTypes.PipelineExecution, "pipelineName")] = (AnyKind, record => record.Attributes.GetValueOrDefault("pipelineName")),
    };

    private readonly Dictionary<NodeRef, List<LedgerRecord>> _evidence = [];

    /// <summary>Keeps the records of <paramref name="chain"/> that can back a node attribute or an edge.</summary>
    public void Add(StoredChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var kept = chain.Records.Where(IsEvidence).ToList();
        if (kept.Count > 0)
        {
            _evidence[chain.Subject] = kept;
        }
    }

    /// <summary>Findings for a node's attributes the lineage view shows.</summary>
    public IEnumerable<string> Check(LedgerNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var (name, value) in node.Attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!AttributeRules.TryGetValue((node.Node.Type, name), out var rule))
            {
                continue;
            }

            var stated = Records(node.Node)
                .Where(record => rule.Kind == AnyKind || record.Kind == rule.Kind)
                .Select(record => (record.Sequence, Value: rule.Value(record)))
                .Where(record => record.Value is not null)
                .ToList();
            if (stated.Count == 0)
            {
                yield return $"UNBACKED {node.Node} {name}: the node says '{value}', no record of its chain states it";
            }
            else if (!stated.Any(record => Same(name, record.Value, value)))
            {
                yield return $"DISAGREES {node.Node} {name}: the node says '{value}', its chain (#{stated[^1].Sequence}, {rule.Kind}) says '{stated[^1].Value}'";
            }
        }
    }

    /// <summary>Findings for an edge the lineage view shows: none when a chained record of either end states it.</summary>
    public IEnumerable<string> Check(LedgerEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        bool? backed = (edge.Relation, edge.From.Type, edge.To.Type) switch
        {
            (Relations.CopiedTo, _, _) =>
                States(edge.To, ModelSubmitted, "sourcePackageArn", edge.From) || States(edge.From, ModelSubmitted, "centralPackageArn", edge.To),
            (Relations.DeployedBy, _, NodeTypes.PipelineExecution) =>
                States(edge.From, DeploymentStarted, "executionId", edge.To) || States(edge.To, ExecutionLaunched, "centralPackageArn", edge.From),
            (Relations.Serves, _, NodeTypes.Endpoint) => States(edge.From, AuditKinds.EndpointDeployed, "endpoint", edge.To),
            (Relations.UsedBy, _, NodeTypes.Model or NodeTypes.EndpointConfig or NodeTypes.Endpoint) =>
                Records(edge.To).Any(record => record.Kind.StartsWith(AuditKinds.Prefix, StringComparison.Ordinal)
                    && record.Attributes.GetValueOrDefault(AuditKinds.UsesAttribute)?.Split(' ').Contains(edge.From.Id, StringComparer.Ordinal) == true),
            _ => null,
        };
        if (backed == false)
        {
            yield return $"UNBACKED {edge.From} -{edge.Relation}-> {edge.To}: no chained record of either end states this edge";
        }
    }

    private static bool IsEvidence(LedgerRecord record) =>
        record.Kind is ModelApproved or ModelSubmitted or DeploymentStarted or ExecutionLaunched or AuditKinds.EndpointDeployed
        || record.Attributes.ContainsKey(AuditKinds.UsesAttribute) || record.Attributes.ContainsKey("pipelineName");

    private List<LedgerRecord> Records(NodeRef subject) => _evidence.TryGetValue(subject, out var records) ? records : [];

    private bool States(NodeRef subject, string kind, string attribute, NodeRef other) =>
        Records(subject).Any(record => record.Kind == kind && record.Attributes.GetValueOrDefault(attribute) == other.Id);

    /// <summary>Instants compare as instants (the node keeps the event's own text form); everything else as text.</summary>
    private static bool Same(string attribute, string? chained, string stored) =>
        attribute.EndsWith("At", StringComparison.Ordinal)
            ? DateTimeOffset.TryParse(chained, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var left)
                && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var right)
                && left == right
            : string.Equals(chained, stored, StringComparison.Ordinal);
}
