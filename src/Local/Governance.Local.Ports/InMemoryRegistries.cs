using System.Collections.Concurrent;
using System.Globalization;
using Governance.Core.Flows;
using Governance.Core.Registry;

namespace Governance.Local.Ports;

/// <summary>Team accounts' packages, by ARN. Unknown packages fail as a missing package would.</summary>
public sealed class InMemoryTeamRegistry : ITeamRegistry
{
    private readonly ConcurrentDictionary<string, ModelPackage> _packages = new(StringComparer.Ordinal);

    public int Describes { get; private set; }

    public void Add(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        _packages[package.Arn.Value] = package;
    }

    public Task<ModelPackage> DescribeAsync(ModelPackageArn packageArn, IReadOnlyDictionary<string, string> eventTags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packageArn);
        ArgumentNullException.ThrowIfNull(eventTags);
        Describes++;
        if (!_packages.TryGetValue(packageArn.Value, out var package))
        {
            throw new FlowStepException($"team package {packageArn.Value} does not exist");
        }

        var tags = new Dictionary<string, string>(package.Tags, StringComparer.Ordinal);
        foreach (var (key, value) in eventTags)
        {
            tags[key] = value;
        }

        return Task.FromResult(package with { Tags = tags });
    }
}

/// <summary>
/// The central registry: groups and created packages, in memory. A created package awaits approval until
/// <see cref="Decide"/> records a risk manager's decision, as the approval event that follows it would.
/// </summary>
public sealed class InMemoryCentralRegistry(string centralAccount = "123456789012") : ICentralRegistry
{
    private readonly Lock _gate = new();
    private readonly List<(string Arn, CentralPackageDraft Draft)> _packages = [];
    private readonly Dictionary<string, CentralGroupSpec> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _statuses = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Arn, CentralPackageDraft Draft)> Packages
    {
        get
        {
            lock (_gate)
            {
                return [.. _packages];
            }
        }
    }

    public IReadOnlyDictionary<string, CentralGroupSpec> Groups
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, CentralGroupSpec>(_groups);
            }
        }
    }

    public Task<string?> FindBySourceAsync(string groupName, string sourcePackageArn, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_packages
                .Where(package => package.Draft.GroupName == groupName && package.Draft.CustomerMetadata.GetValueOrDefault(ProvenanceTags.SourcePackageArn) == sourcePackageArn)
                .Select(package => package.Arn)
                .FirstOrDefault());
        }
    }

    public Task<string> EnsureGroupAsync(CentralGroupSpec group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (_gate)
        {
            _groups.TryAdd(group.GroupName, group);
            return Task.FromResult(GroupArn(group.GroupName));
        }
    }

    public Task<CentralGroupOwner> GroupOwnerAsync(string groupName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_groups.TryGetValue(groupName, out var group)
                ? new CentralGroupOwner(true, group.Tags.GetValueOrDefault(ProvenanceTags.SourceAccount))
                : CentralGroupOwner.Absent);
        }
    }

    public Task<string> CreatePackageAsync(CentralPackageDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (_gate)
        {
            if (!_groups.ContainsKey(draft.GroupName))
            {
                throw new InvalidOperationException($"group {draft.GroupName} does not exist");
            }

            var version = _packages.Count(package => package.Draft.GroupName == draft.GroupName) + 1;
            var arn = $"arn:aws:sagemaker:us-east-1:{centralAccount}:model-package/{draft.GroupName}/{version.ToString(CultureInfo.InvariantCulture)}";
            _packages.Add((arn, draft));
            _statuses[arn] = ModelPackage.PendingManualApproval;
            return Task.FromResult(arn);
        }
    }

    /// <summary>Sets a package's approval status (a risk manager's decision).</summary>
    public void Decide(string packageArn, string status)
    {
        lock (_gate)
        {
            _statuses[packageArn] = status;
        }
    }

    public Task<string?> CurrentStatusAsync(string packageArn, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_statuses.TryGetValue(packageArn, out var status) ? status : null);
        }
    }

    private string GroupArn(string name) => $"arn:aws:sagemaker:us-east-1:{centralAccount}:model-package-group/{name}";
}
