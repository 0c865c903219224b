using Governance.Core.Effects;
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
public sealed class DeploymentGraphWriter(ILedgerReader reader, AuditTargets targets, TimeProvider time)
{
    private readonly DeploymentGraph _graph = new(reader);

    /// <summary>Records what the call changed in the graph, through the event's effect scope.</summary>
    public Task RecordAsync(EffectScope scope, CloudTrailApiCall call, AuditTarget target, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        if (call.ErrorCode is not null || call.EventSource != "sagemaker.amazonaws.com")
        {
            return Task.CompletedTask;
        }

        return (call.EventName, target.Subject.Type) switch
        {
            ("CreateModel", NodeTypes.Model) => ModelAsync(scope, call, target, cancellationToken),
            ("CreateEndpointConfig", NodeTypes.EndpointConfig) => EndpointConfigAsync(scope, call, target, cancellationToken),
            ("CreateEndpoint" or "UpdateEndpoint", NodeTypes.Endpoint) => EndpointAsync(scope, call, target, occurredAt, cancellationToken),
            ("DeleteEndpoint", NodeTypes.Endpoint) => DeletedEndpointAsync(scope, call, target, occurredAt, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private async Task ModelAsync(EffectScope scope, CloudTrailApiCall call, AuditTarget target, CancellationToken cancellationToken)
    {
        var eventId = scope.EventId;
        var now = time.GetUtcNow();
        var model = target.Subject;
        var containers = CloudTrailFields.Objects(call.RequestParameters, "primaryContainer")
            .Concat(CloudTrailFields.Objects(call.RequestParameters, "containers"))
            .ToList();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(attributes, "name", CloudTrailFields.Text(call.RequestParameters, "modelName"));
        AddIfPresent(attributes, "images", Joined(containers.Select(container => CloudTrailFields.Text(container, "image"))));
        AddIfPresent(attributes, "modelDataUrls", Joined(containers.Select(container => CloudTrailFields.Text(container, "modelDataUrl"))));
        await scope.RecordNodeAsync(new LedgerNode(model, target.Account, null, attributes, now), cancellationToken).ConfigureAwait(false);

        foreach (var (used, image) in Used(call, target))
        {
            if (image is not null)
            {
                await scope.RecordNodeAsync(
                    new LedgerNode(used, null, null, new Dictionary<string, string>(StringComparer.Ordinal) { ["uri"] = image }, now),
                    cancellationToken).ConfigureAwait(false);
            }

            await scope.RecordEdgeAsync(new LedgerEdge(used, Relations.UsedBy, model, now, eventId), cancellationToken).ConfigureAwait(false);
        }

        var configs = await Timelines.NeighboursAsync(reader, model, LineageDirection.Downstream, NodeTypes.EndpointConfig, cancellationToken).ConfigureAwait(false);
        await CompleteDownstreamAsync(
            scope, configs.Where(edge => edge.Relation == Relations.UsedBy).Select(edge => edge.To), cancellationToken).ConfigureAwait(false);
    }

    private async Task EndpointConfigAsync(EffectScope scope, CloudTrailApiCall call, AuditTarget target, CancellationToken cancellationToken)
    {
        var eventId = scope.EventId;
        var now = time.GetUtcNow();
        var config = target.Subject;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(attributes, "name", CloudTrailFields.Text(call.RequestParameters, "endpointConfigName"));
        await scope.RecordNodeAsync(new LedgerNode(config, target.Account, null, attributes, now), cancellationToken).ConfigureAwait(false);
        foreach (var (model, _) in Used(call, target))
        {
            await scope.RecordEdgeAsync(new LedgerEdge(model, Relations.UsedBy, config, now, eventId), cancellationToken).ConfigureAwait(false);
        }

        await CompleteDownstreamAsync(scope, [config], cancellationToken).ConfigureAwait(false);
    }

    private async Task EndpointAsync(EffectScope scope, CloudTrailApiCall call, AuditTarget target, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var eventId = scope.EventId;
        var now = time.GetUtcNow();
        var endpoint = target.Subject;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfPresent(attributes, "name", CloudTrailFields.Text(call.RequestParameters, "endpointName"));
        await scope.RecordNodeAsync(new LedgerNode(endpoint, target.Account, null, attributes, now), cancellationToken).ConfigureAwait(false);
        if (DeployedConfig(call, target) is not { } config)
        {
            return;
        }

        await scope.RecordEdgeAsync(new LedgerEdge(config, Relations.UsedBy, endpoint, now, eventId), cancellationToken).ConfigureAwait(false);
        var deployment = new EndpointDeployment(endpoint, config, eventId, call.EventName, occurredAt, CloudTrailFields.Principal(call.UserIdentity), target.Account);
        var versions = await _graph.ModelVersionsOnAsync(config, cancellationToken).ConfigureAwait(false);
        await DeployAsync(scope, deployment, versions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes, after the call's audit record is appended, what <see cref="RecordAsync"/> could not: a
    /// CreateEndpoint/UpdateEndpoint whose config had no known model version then, because the calls it depends on
    /// were still being handled. Together with the downstream completion of CreateModel/CreateEndpointConfig (each
    /// writes its own edge before reading the other's) one of the two sides always sees the other.
    /// </summary>
    public async Task SettleAsync(EffectScope scope, CloudTrailApiCall call, AuditTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Subject.Type != NodeTypes.Endpoint || DeployedConfig(call, target) is not { } config)
        {
            return;
        }

        var current = await reader.GetCurrentAsync(target.Subject, Relations.Runs, cancellationToken).ConfigureAwait(false);
        if (current?.EventId != scope.EventId)
        {
            await CompleteEndpointAsync(scope, target.Subject, config, cancellationToken).ConfigureAwait(false);
        }
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
    private async Task CompleteDownstreamAsync(EffectScope scope, IEnumerable<NodeRef> configs, CancellationToken cancellationToken)
    {
        foreach (var config in configs.Distinct())
        {
            var endpoints = await Timelines.NeighboursAsync(reader, config, LineageDirection.Downstream, NodeTypes.Endpoint, cancellationToken).ConfigureAwait(false);
            foreach (var endpoint in endpoints.Where(edge => edge.Relation == Relations.UsedBy).Select(edge => edge.To).Distinct())
            {
                await CompleteEndpointAsync(scope, endpoint, config, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes, for every audited successful deployment of the config on the endpoint, what the call would have
    /// written had the config's model versions been known when it was handled.
    /// </summary>
    private async Task CompleteEndpointAsync(EffectScope scope, NodeRef endpoint, NodeRef config, CancellationToken cancellationToken)
    {
        var versions = await _graph.ModelVersionsOnAsync(config, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return;
        }

        var timeline = await Timelines.ReadAllAsync(reader, endpoint, cancellationToken).ConfigureAwait(false);
        var deployments = timeline
            .Where(record => AuditKinds.IsSuccessfulEndpointDeployment(record)
                && record.Attributes.GetValueOrDefault(AuditKinds.EndpointConfigAttribute) == config.Id)
            .OrderBy(record => record.OccurredAt)
            .ThenBy(record => record.EventId, StringComparer.Ordinal);
        foreach (var record in deployments)
        {
            var deployment = new EndpointDeployment(
                endpoint, config, record.EventId, record.Attributes.GetValueOrDefault("eventName") ?? record.Kind[AuditKinds.Prefix.Length..],
                record.OccurredAt, record.Actor, record.Account);
            await DeployAsync(scope, deployment, versions, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeployAsync(EffectScope scope, EndpointDeployment deployment, IReadOnlyList<NodeRef> versions, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var version in versions)
        {
            await scope.RecordEdgeAsync(new LedgerEdge(version, Relations.Serves, deployment.Endpoint, now, deployment.EventId), cancellationToken).ConfigureAwait(false);
            await scope.AppendAsync(
                new LedgerEventDraft(version, deployment.EventId, AuditKinds.EndpointDeployed, deployment.OccurredAt, deployment.Actor, deployment.Account,
                    ModelPackages.Group(version), new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["endpoint"] = deployment.Endpoint.Id,
                        ["endpointConfig"] = deployment.Config.Id,
                        ["eventName"] = deployment.EventName,
                    }),
                cancellationToken).ConfigureAwait(false);
        }

        // The lowest ARN rather than the first found: the walk's order follows arrival order, the choice must not.
        if (versions.MinBy(version => version.Id, StringComparer.Ordinal) is { } runs)
        {
            await scope.SetCurrentAsync(new CurrentLink(deployment.Endpoint, Relations.Runs, runs, deployment.OccurredAt, deployment.EventId), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task DeletedEndpointAsync(
        EffectScope scope, CloudTrailApiCall call, AuditTarget target, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        if (await reader.GetCurrentAsync(target.Subject, Relations.Runs, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return;
        }

        await scope.AppendAsync(
            new LedgerEventDraft(current.Target, scope.EventId, AuditKinds.EndpointDeleted, occurredAt, CloudTrailFields.Principal(call.UserIdentity), target.Account,
                ModelPackages.Group(current.Target), new Dictionary<string, string>(StringComparer.Ordinal) { ["endpoint"] = target.Subject.Id }),
            cancellationToken).ConfigureAwait(false);
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
