using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Flows;
using Governance.Core.Notifications;
using Governance.Core.Registry;

namespace Governance.Local.Ports;

/// <summary>
/// S3 objects by URI; copies land in the central bucket. A missing source fails as S3 would, and so does one whose
/// bucket another account owns (<see cref="SetOwner"/>; a bucket is the package account's unless set).
/// </summary>
public sealed class InMemoryArtifactStore(string centralBucket = "governance-models") : IArtifactStore
{
    private readonly ConcurrentDictionary<string, string> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _owners = new(StringComparer.Ordinal);

    public void Put(string uri, string content) => _objects[uri] = content;

    /// <summary>Makes <paramref name="account"/> own <paramref name="bucket"/>; null: an account the service cannot name.</summary>
    public void SetOwner(string bucket, string? account) => _owners[bucket] = account;

    public Task<string?> BucketOwnerAsync(string bucket, string packageAccount, CancellationToken cancellationToken) =>
        Task.FromResult(_owners.TryGetValue(bucket, out var owner) ? owner : packageAccount);

    public bool Exists(string uri) => _objects.ContainsKey(uri);

    public IReadOnlyList<string> CentralObjects => [.. _objects.Keys.Where(uri => uri.StartsWith($"s3://{centralBucket}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public Task<ArtifactCopy> CopyAsync(string sourceUri, string sourceAccount, string centralKey, CancellationToken cancellationToken)
    {
        if (!_objects.TryGetValue(sourceUri, out var content))
        {
            throw new FlowStepException($"artifact {sourceUri} does not exist");
        }

        if (S3Location.ParseOrNull(sourceUri) is { } source && _owners.TryGetValue(source.Bucket, out var owner) && owner != sourceAccount)
        {
            throw new FlowStepException($"access denied copying artifact {sourceUri}: its bucket is not owned by account {sourceAccount}", retryable: false);
        }

        var target = $"s3://{centralBucket}/{centralKey}";
        _objects[target] = content;
        return Task.FromResult(new ArtifactCopy(sourceUri, target, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), content.Length));
    }

    public async Task<IReadOnlyList<ArtifactCopy>> CopyPrefixAsync(string sourcePrefixUri, string sourceAccount, string centralPrefix, CancellationToken cancellationToken)
    {
        var sources = _objects.Keys.Where(uri => uri.StartsWith(sourcePrefixUri, StringComparison.Ordinal) && !uri.EndsWith('/')).Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0)
        {
            throw new FlowStepException($"model data prefix {sourcePrefixUri} holds no object", retryable: false);
        }

        var copies = new List<ArtifactCopy>();
        foreach (var source in sources)
        {
            copies.Add(await CopyAsync(source, sourceAccount, centralPrefix + source[sourcePrefixUri.Length..], cancellationToken));
        }

        return copies;
    }
}

/// <summary>Pipeline starts; the same client token returns the same execution, as the services do.</summary>
public sealed class InMemoryPipelineLauncher : IPipelineLauncher
{
    private readonly ConcurrentDictionary<string, PipelineLaunch> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PipelineStart> _starts = new();

    public IReadOnlyList<PipelineStart> Starts => [.. _starts];

    public IReadOnlyList<PipelineLaunch> Executions => [.. _byToken.Values];

    public Task<PipelineLaunch> StartAsync(PipelineStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        _starts.Enqueue(start);
        return Task.FromResult(_byToken.GetOrAdd(start.ClientToken, _ => new PipelineLaunch(
            start.Target.Type == DeploymentTargetTypes.CodePipeline ? "CodePipeline" : "SageMakerPipeline",
            start.Target.PipelineName,
            "execution-" + (_byToken.Count + 1).ToString(CultureInfo.InvariantCulture))));
    }
}

/// <summary>Every notification published, in order.</summary>
public sealed class InMemoryNotifier : INotifier
{
    private readonly ConcurrentQueue<Notification> _published = new();

    public IReadOnlyList<Notification> Published => [.. _published];

    public Task<string> PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        _published.Enqueue(notification);
        return Task.FromResult("message-" + _published.Count.ToString(CultureInfo.InvariantCulture));
    }
}
