using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>
/// Records the deployment graph from successful SageMaker calls: CreateModel (package or pinned image
/// <see cref="Relations.UsedBy"/> model), CreateEndpointConfig (model used-by config), CreateEndpoint / UpdateEndpoint
/// (config used-by endpoint, model version <see cref="Relations.Serves"/> endpoint, the endpoint's
/// <see cref="Relations.Runs"/> link) and DeleteEndpoint (a deletion record on the version it ran). A CreateModel or
/// CreateEndpointConfig also completes the deployments of endpoints already recorded downstream, so the graph
/// does not depend on the order the calls arrive in.
/// </summary>
public sealed class DeploymentGraphWriter(ILedgerWriter writer, ILedgerReader reader, AuditTargets targets, TimeProvider time)
{
    private readonly DeploymentGraph _graph = new(reader);

    /// <returns>What was recorded, for the processing result.</returns>
    public async Task<IReadOnlyList<string>> RecordAsync(
        CloudTrailApiCall call, AuditTarget target, string eventId, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        if (call.ErrorCode is not null || call.EventSource != "sagemaker.amazonaws.com")
        {
            return [];
        }

        return (call.EventName, target.Subject.Type) switch
        {
            ("CreateModel", NodeTypes.Model) => await ModelAsync(call, target, eventId, cancellationToken).ConfigureAwait(false),
            ("CreateEndpointConfig", NodeTypes.EndpointConfig) => await EndpointConfigAsync(call, target, eventId, cancellationToken).ConfigureAwait(false),
            ("CreateEndpoint" or "UpdateEndpoint", NodeTypes.Endpoint) => await EndpointAsync(call, target, eventId, occurredAt, cancellationToken).ConfigureAwait(false),
            ("DeleteEndpoint", NodeTypes.Endpoint) => await DeletedEndpointAsync(call, target, eventId, occurredAt, cancellationToken).ConfigureAwait(false),
            _ => [],
        };
    }

    private async Task<IReadOnlyList<string>> ModelAsync(CloudTrailApiCall call, AuditTarget target, string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var model = target.Subject;
        var containers = CloudTrailFields.Objects(call.RequestParameters, "primaryContainer")
            .Concat(CloudTrailFields.Objects(call.RequestParameters, "containers"))
            .ToList();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(attributes, "name", CloudTrailFields.Text(call.RequestParameters, "modelName"));
        AddIfPresent(attributes, "images", Joined(containers.Select(container => CloudTrailFields.Text(container, "image"))));
        AddIfPresent(attributes, "modelDataUrls", Joined(containers.Select(container => CloudTrailFields.Text(container, "modelDataUrl"))));
        await writer.RecordNodeAsync(new LedgerNode(model, target.Account, null, attributes, now), cancellationToken).ConfigureAwait(false);

        var effects = new List<string> { "recorded " + model };
        foreach (var (used, image) in Used(call, target))
        {
            if (image is not null)
            {
                await writer.RecordNodeAsync(
                    new LedgerNode(used, null, null, new Dictionary<string, string>(StringComparer.Ordinal) { ["uri"] = image }, now),
                    cancellationToken).ConfigureAwait(false);
            }

            await writer.RecordEdgeAsync(new LedgerEdge(used, Relations.UsedBy, model, now, eventId), cancellationToken).ConfigureAwait(false);
            effects.Add("edge " + used + " used-by " + model);
        }

        var configs = await Timelines.NeighboursAsync(reader, model, LineageDirection.Downstream, NodeTypes.EndpointConfig, cancellationToken).ConfigureAwait(false);
        effects.AddRange(await CompleteDownstreamAsync(
            configs.Where(edge => edge.Relation == Relations.UsedBy).Select(edge => edge.To), cancellationToken).ConfigureAwait(false));
        return effects;
    }

    private async Task<IReadOnlyList<string>> EndpointConfigAsync(CloudTrailApiCall call, AuditTarget target, string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var config = target.Subject;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(attributes, "name", CloudTrailFields.Text(call.RequestParameters, "endpointConfigName"));
        await writer.RecordNodeAsync(new LedgerNode(config, target.Account, null, attributes, now), cancellationToken).ConfigureAwait(false);
        var effects = new List<string> { "recorded " + config };
        foreach (var (model, _) in Used(call, target))
        {
            await writer.RecordEdgeAsync(new LedgerEdge(model, Relations.UsedBy, config, now, eventId), cancellationToken).ConfigureAwait(false);
            effects.Add("edge " + model + " used-by " + config);
        }

        effects.AddRange(await CompleteDownstreamAsync([config], cancellationToken).ConfigureAwait(false));
        return effects;
    }

    private async Task<IReadOnlyList<string>> EndpointAsync(
        CloudTrailApiCall call, AuditTarget target, string eventId, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var endpoint = target.Subject;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(attributes, "name", CloudTrailFields.Text(call.RequestParameters, "endpointName"));
        await writer.RecordNodeAsync(new LedgerNode(endpoint, target.Account, null, attributes, now), cancellationToken).ConfigureAwait(false);
        var effects = new List<string> { "recorded " + endpoint };
        if (DeployedConfig(call, target) is not { } config)
        {
            return effects;
        }

        await writer.RecordEdgeAsync(new LedgerEdge(config, Relations.UsedBy, endpoint, now, eventId), cancellationToken).ConfigureAwait(false);
        effects.Add("edge " + config + " used-by " + endpoint);
        var deployment = new EndpointDeployment(endpoint, config, eventId, call.EventName, occurredAt, CloudTrailFields.Principal(call.UserIdentity), target.Account);
        var versions = await _graph.ModelVersionsOnAsync(config, cancellationToken).ConfigureAwait(false);
        effects.AddRange(await DeployAsync(deployment, versions, cancellationToken).ConfigureAwait(false));
        return effects;
    }

    /// <summary>
    /// Completes, after the call's audit record is appended, what <see cref="RecordAsync"/> could not: a
    /// CreateEndpoint/UpdateEndpoint whose config had no known model version then, because the calls it depends on
    /// were still being handled. Together with the downstream completion of CreateModel/CreateEndpointConfig (each
    /// writes its own edge before reading the other's) one of the two sides always sees the other.
    /// </summary>
    /// <returns>What was recorded, for the processing result.</returns>
    public async Task<IReadOnlyList<string>> SettleAsync(CloudTrailApiCall call, AuditTarget target, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Subject.Type != NodeTypes.Endpoint || DeployedConfig(call, target) is not { } config)
        {
            return [];
        }

        var current = await reader.GetCurrentAsync(target.Subject, Relations.Runs, cancellationToken).ConfigureAwait(false);
        return current?.EventId == eventId
            ? []
            : await CompleteEndpointAsync(target.Subject, config, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The endpoint config a successful CreateEndpoint/UpdateEndpoint deploys; the audit record keeps it
    /// (<see cref="AuditKinds.EndpointConfigAttribute"/>) so a later CreateModel/CreateEndpointConfig can complete the deployment.
    /// </summary>
    public static NodeRef? DeployedConfig(CloudTrailApiCall call, AuditTarget target)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        return call is { ErrorCode: null, EventSource: "sagemaker.amazonaws.com", EventName: "CreateEndpoint" or "UpdateEndpoint" }
            && target.Subject.Type == NodeTypes.Endpoint
            ? AuditTargets.Resource(SageMakerArns.EndpointConfig, CloudTrailFields.Text(call.RequestParameters, "endpointConfigName"), target.Region, target.Account)
            : null;
    }

    /// <summary>
    /// The nodes whose used-by edges to the call's resource <see cref="RecordAsync"/> records (packages and image
    /// digests of a CreateModel, models of a CreateEndpointConfig, the config of a CreateEndpoint/UpdateEndpoint);
    /// the call's audit record names them (<see cref="AuditKinds.UsesAttribute"/>), so each edge is backed by the chain.
    /// </summary>
    public IReadOnlyList<NodeRef> UpstreamOf(CloudTrailApiCall call, AuditTarget target)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        return call.ErrorCode is null && call.EventSource == "sagemaker.amazonaws.com"
            ? [.. Used(call, target).Select(used => used.Node).Distinct()]
            : [];
    }

    /// <summary>The sources of the call's used-by edges, with the image URI of an image digest.</summary>
    private IEnumerable<(NodeRef Node, string? ImageUri)> Used(CloudTrailApiCall call, AuditTarget target)
    {
        switch (call.EventName, target.Subject.Type)
        {
            case ("CreateModel", NodeTypes.Model):
                foreach (var container in CloudTrailFields.Objects(call.RequestParameters, "primaryContainer").Concat(CloudTrailFields.Objects(call.RequestParameters, "containers")))
                {
                    if (targets.Package(CloudTrailFields.Text(container, "modelPackageName"), target.Region, target.Account) is { } package)
                    {
                        yield return (package, null);
                    }

                    if (CloudTrailFields.Text(container, "image") is { } image && image.IndexOf("@sha256:", StringComparison.Ordinal) is var at and >= 0)
                    {
                        yield return (new NodeRef(NodeTypes.Image, image[(at + 1)..]), image);
                    }
                }

                break;
            case ("CreateEndpointConfig", NodeTypes.EndpointConfig):
                foreach (var variant in CloudTrailFields.Objects(call.RequestParameters, "productionVariants"))
                {
                    if (AuditTargets.Resource(SageMakerArns.Model, CloudTrailFields.Text(variant, "modelName"), target.Region, target.Account) is { } model)
                    {
                        yield return (model, null);
                    }
                }

                break;
            case ("CreateEndpoint" or "UpdateEndpoint", NodeTypes.Endpoint):
                if (DeployedConfig(call, target) is { } config)
                {
                    yield return (config, null);
                }

                break;
        }
    }

    /// <summary>Completes the deployments of every endpoint already recorded downstream of the configs.</summary>
    private async Task<IReadOnlyList<string>> CompleteDownstreamAsync(IEnumerable<NodeRef> configs, CancellationToken cancellationToken)
    {
        var effects = new List<string>();
        foreach (var config in configs.Distinct())
        {
            var endpoints = await Timelines.NeighboursAsync(reader, config, LineageDirection.Downstream, NodeTypes.Endpoint, cancellationToken).ConfigureAwait(false);
            foreach (var endpoint in endpoints.Where(edge => edge.Relation == Relations.UsedBy).Select(edge => edge.To).Distinct())
            {
                effects.AddRange(await CompleteEndpointAsync(endpoint, config, cancellationToken).ConfigureAwait(false));
            }
        }

        return effects;
    }

    /// <summary>
    /// Writes, for every audited successful deployment of the config on the endpoint, what the call would have
    /// written had the config's model versions been known when it was handled.
    /// </summary>
    private async Task<IReadOnlyList<string>> CompleteEndpointAsync(NodeRef endpoint, NodeRef config, CancellationToken cancellationToken)
    {
        var versions = await _graph.ModelVersionsOnAsync(config, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return [];
        }

        var timeline = await Timelines.ReadAllAsync(reader, endpoint, cancellationToken).ConfigureAwait(false);
        var deployments = timeline
            .Where(record => AuditKinds.IsSuccessfulEndpointDeployment(record)
                && record.Attributes.GetValueOrDefault(AuditKinds.EndpointConfigAttribute) == config.Id)
            .OrderBy(record => record.OccurredAt)
            .ThenBy(record => record.EventId, StringComparer.Ordinal);
        var effects = new List<string>();
        foreach (var record in deployments)
        {
            var deployment = new EndpointDeployment(
                endpoint, config, record.EventId, record.Attributes.GetValueOrDefault("eventName") ?? record.Kind[AuditKinds.Prefix.Length..],
                record.OccurredAt, record.Actor, record.Account);
            effects.AddRange(await DeployAsync(deployment, versions, cancellationToken).ConfigureAwait(false));
        }

        return effects;
    }

    private async Task<IReadOnlyList<string>> DeployAsync(EndpointDeployment deployment, IReadOnlyList<NodeRef> versions, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var effects = new List<string>();
        foreach (var version in versions)
        {
            await writer.RecordEdgeAsync(new LedgerEdge(version, Relations.Serves, deployment.Endpoint, now, deployment.EventId), cancellationToken).ConfigureAwait(false);
            await writer.AppendAsync(
                new LedgerEventDraft(version, deployment.EventId, AuditKinds.EndpointDeployed, deployment.OccurredAt, deployment.Actor, deployment.Account,
                    ModelPackages.Group(version), new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["endpoint"] = deployment.Endpoint.Id,
                        ["endpointConfig"] = deployment.Config.Id,
                        ["eventName"] = deployment.EventName,
                    }),
                cancellationToken).ConfigureAwait(false);
            effects.Add("edge " + version + " serves " + deployment.Endpoint);
        }

        // The lowest ARN rather than the first found: the walk's order follows arrival order, the choice must not.
        if (versions.MinBy(version => version.Id, StringComparer.Ordinal) is { } runs)
        {
            await writer.SetCurrentAsync(new CurrentLink(deployment.Endpoint, Relations.Runs, runs, deployment.OccurredAt, deployment.EventId), cancellationToken)
                .ConfigureAwait(false);
            effects.Add(deployment.Endpoint + " runs " + runs);
        }

        return effects;
    }

    private async Task<IReadOnlyList<string>> DeletedEndpointAsync(
        CloudTrailApiCall call, AuditTarget target, string eventId, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        if (await reader.GetCurrentAsync(target.Subject, Relations.Runs, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return [];
        }

        await writer.AppendAsync(
            new LedgerEventDraft(current.Target, eventId, AuditKinds.EndpointDeleted, occurredAt, CloudTrailFields.Principal(call.UserIdentity), target.Account,
                ModelPackages.Group(current.Target), new Dictionary<string, string>(StringComparer.Ordinal) { ["endpoint"] = target.Subject.Id }),
            cancellationToken).ConfigureAwait(false);
        return ["appended " + AuditKinds.EndpointDeleted + " to " + current.Target];
    }

    /// <summary>One successful CreateEndpoint/UpdateEndpoint putting a config on an endpoint.</summary>
    private sealed record EndpointDeployment(
        NodeRef Endpoint, NodeRef Config, string EventId, string EventName, DateTimeOffset OccurredAt, string? Actor, string? Account);

    private static string? Joined(IEnumerable<string?> values)
    {
        var present = values.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return present.Count == 0 ? null : string.Join(' ', present);
    }

    private static void AddIfPresent(Dictionary<string, string> attributes, string name, string? value)
    {
        if (value is not null)
        {
            attributes[name] = value;
        }
    }
}
