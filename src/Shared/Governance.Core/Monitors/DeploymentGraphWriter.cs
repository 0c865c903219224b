using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>
/// Records the deployment graph from successful SageMaker calls: CreateModel (package or pinned image
/// <see cref="Relations.UsedBy"/> model), CreateEndpointConfig (model used-by config), CreateEndpoint / UpdateEndpoint
/// (config used-by endpoint, model version <see cref="Relations.Serves"/> endpoint, the endpoint's
/// <see cref="Relations.Runs"/> link) and DeleteEndpoint (a deletion record on the version it ran).
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
        foreach (var container in containers)
        {
            if (targets.Package(CloudTrailFields.Text(container, "modelPackageName"), target.Region, target.Account) is { } package)
            {
                await writer.RecordEdgeAsync(new LedgerEdge(package, Relations.UsedBy, model, now, eventId), cancellationToken).ConfigureAwait(false);
                effects.Add("edge " + package + " used-by " + model);
            }

            if (CloudTrailFields.Text(container, "image") is { } image && image.IndexOf("@sha256:", StringComparison.Ordinal) is var at and >= 0)
            {
                var digest = new NodeRef(NodeTypes.Image, image[(at + 1)..]);
                await writer.RecordNodeAsync(
                    new LedgerNode(digest, null, null, new Dictionary<string, string>(StringComparer.Ordinal) { ["uri"] = image }, now),
                    cancellationToken).ConfigureAwait(false);
                await writer.RecordEdgeAsync(new LedgerEdge(digest, Relations.UsedBy, model, now, eventId), cancellationToken).ConfigureAwait(false);
                effects.Add("edge " + digest + " used-by " + model);
            }
        }

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
        foreach (var variant in CloudTrailFields.Objects(call.RequestParameters, "productionVariants"))
        {
            if (AuditTargets.Resource(SageMakerArns.Model, CloudTrailFields.Text(variant, "modelName"), target.Region, target.Account) is { } model)
            {
                await writer.RecordEdgeAsync(new LedgerEdge(model, Relations.UsedBy, config, now, eventId), cancellationToken).ConfigureAwait(false);
                effects.Add("edge " + model + " used-by " + config);
            }
        }

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
        if (AuditTargets.Resource(SageMakerArns.EndpointConfig, CloudTrailFields.Text(call.RequestParameters, "endpointConfigName"), target.Region, target.Account)
            is not { } config)
        {
            return effects;
        }

        await writer.RecordEdgeAsync(new LedgerEdge(config, Relations.UsedBy, endpoint, now, eventId), cancellationToken).ConfigureAwait(false);
        effects.Add("edge " + config + " used-by " + endpoint);
        var versions = await _graph.ModelVersionsOnAsync(config, cancellationToken).ConfigureAwait(false);
        foreach (var version in versions)
        {
            await writer.RecordEdgeAsync(new LedgerEdge(version, Relations.Serves, endpoint, now, eventId), cancellationToken).ConfigureAwait(false);
            await writer.AppendAsync(
                new LedgerEventDraft(version, eventId, AuditKinds.EndpointDeployed, occurredAt, CloudTrailFields.Principal(call.UserIdentity), target.Account,
                    ModelPackages.Group(version), new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["endpoint"] = endpoint.Id,
                        ["endpointConfig"] = config.Id,
                        ["eventName"] = call.EventName,
                    }),
                cancellationToken).ConfigureAwait(false);
            effects.Add("edge " + version + " serves " + endpoint);
        }

        if (versions.Count > 0)
        {
            await writer.SetCurrentAsync(new CurrentLink(endpoint, Relations.Runs, versions[0], occurredAt, eventId), cancellationToken).ConfigureAwait(false);
            effects.Add(endpoint + " runs " + versions[0]);
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
