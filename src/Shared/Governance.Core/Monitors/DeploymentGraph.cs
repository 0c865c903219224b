using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>
/// Reads the deployment graph the audit trail records (package → model → endpoint config → endpoint, package →
/// endpoint) to answer "which model versions are on this resource" and "is this version deployed".
/// </summary>
public sealed class DeploymentGraph(ILedgerReader reader)
{
    /// <summary>Upstream hops from an endpoint to a package: endpoint ← config ← model ← package.</summary>
    private const int PackageDepth = 3;

    /// <summary>
    /// The model versions (central, else team packages) on a resource: what an endpoint currently runs when known,
    /// else every package upstream of it. Central copies of team packages found upstream count as well.
    /// </summary>
    public async Task<IReadOnlyList<NodeRef>> ModelVersionsOnAsync(NodeRef resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (ModelPackages.IsPackage(resource))
        {
            return [resource];
        }

        if (resource.Type == NodeTypes.Endpoint
            && await reader.GetCurrentAsync(resource, Relations.Runs, cancellationToken).ConfigureAwait(false) is { } current)
        {
            return [current.Target];
        }

        if (resource.Type is not (NodeTypes.Endpoint or NodeTypes.EndpointConfig or NodeTypes.Model))
        {
            return [];
        }

        var steps = await Timelines.LineageAsync(reader, new LineageQuery(resource, LineageDirection.Upstream, PackageDepth), cancellationToken)
            .ConfigureAwait(false);
        var central = new List<NodeRef>();
        var team = new List<NodeRef>();
        foreach (var node in steps.Select(step => step.Edge.From).Distinct())
        {
            if (node.Type == NodeTypes.CentralPackage)
            {
                Add(central, node);
            }
            else if (node.Type == NodeTypes.SourcePackage)
            {
                Add(team, node);
                var copies = await Timelines.NeighboursAsync(reader, node, LineageDirection.Downstream, NodeTypes.CentralPackage, cancellationToken)
                    .ConfigureAwait(false);
                foreach (var copy in copies)
                {
                    Add(central, copy.To);
                }
            }
        }

        return central.Count > 0 ? central : team;
    }

    /// <summary>The endpoints that currently run the package and have not been deleted since.</summary>
    public async Task<IReadOnlyList<NodeRef>> EndpointsRunningAsync(NodeRef package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var running = new List<NodeRef>();
        var edges = await Timelines.NeighboursAsync(reader, package, LineageDirection.Downstream, NodeTypes.Endpoint, cancellationToken)
            .ConfigureAwait(false);
        foreach (var endpoint in edges.Where(edge => edge.Relation == Relations.Serves).Select(edge => edge.To).Distinct())
        {
            var current = await reader.GetCurrentAsync(endpoint, Relations.Runs, cancellationToken).ConfigureAwait(false);
            if (current?.Target != package)
            {
                continue;
            }

            var timeline = await Timelines.ReadAllAsync(reader, endpoint, cancellationToken).ConfigureAwait(false);
            var deletedAfter = timeline.Any(record => AuditKinds.IsSuccessfulEndpointDeletion(record) && record.OccurredAt >= current.ChangedAt);
            if (!deletedAfter)
            {
                running.Add(endpoint);
            }
        }

        return running;
    }

    private static void Add(List<NodeRef> nodes, NodeRef node)
    {
        if (!nodes.Contains(node))
        {
            nodes.Add(node);
        }
    }
}
