using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Registry;

namespace Governance.Core.Monitors;

/// <summary>
/// Model versions as ledger nodes and as notification subjects. A package in the central account is a
/// <see cref="NodeTypes.CentralPackage"/>, any other a <see cref="NodeTypes.SourcePackage"/>.
/// </summary>
public sealed class ModelPackages(ILedgerReader reader, string centralAccountId)
{
    /// <summary>Node attribute (set by the registry sync) naming the owning team.</summary>
    public const string TeamAttribute = "team";

    /// <summary>Node attribute (set by the registry sync) naming the team account the version came from.</summary>
    public const string SourceAccountAttribute = "sourceAccount";

    public string CentralAccountId { get; } = centralAccountId;

    public NodeRef Node(string packageArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(packageArn);
        var central = ModelPackageArn.TryParse(packageArn, out var arn) && arn!.Account == CentralAccountId;
        return new NodeRef(central ? NodeTypes.CentralPackage : NodeTypes.SourcePackage, packageArn);
    }

    public static bool IsPackage(NodeRef node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Type is NodeTypes.CentralPackage or NodeTypes.SourcePackage;
    }

    /// <summary>The model package group named by a package ARN, when the ARN is a versioned package ARN.</summary>
    public static string? Group(NodeRef package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return ModelPackageArn.TryParse(package.Id, out var arn) && arn!.Version is not null ? arn.Name : null;
    }

    /// <summary>Who a notification about this model version goes to: team and source account from its ledger node when recorded.</summary>
    public async Task<ModelSubject> SubjectAsync(NodeRef package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var node = await reader.GetNodeAsync(package, cancellationToken).ConfigureAwait(false);
        var arn = ModelPackageArn.TryParse(package.Id, out var parsed) ? parsed : null;
        var attributes = node?.Attributes;
        return new ModelSubject(
            NonEmpty(attributes?.GetValueOrDefault(TeamAttribute)),
            NonEmpty(node?.ModelPackageGroup ?? (arn?.Version is not null ? arn.Name : null)),
            arn?.Version,
            package.Id,
            NonEmpty(attributes?.GetValueOrDefault(SourceAccountAttribute) ?? node?.Account ?? arn?.Account));
    }

    /// <summary>The subjects of notifications about <paramref name="versions"/>; one unknown subject when there is no version.</summary>
    public async Task<IReadOnlyList<ModelSubject>> SubjectsAsync(IReadOnlyList<NodeRef> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            return [UnknownSubject];
        }

        var subjects = new List<ModelSubject>(versions.Count);
        foreach (var version in versions)
        {
            subjects.Add(await SubjectAsync(version, cancellationToken).ConfigureAwait(false));
        }

        return subjects;
    }

    public static ModelSubject UnknownSubject { get; } =
        new(ModelSubject.Unknown, ModelSubject.Unknown, null, null, ModelSubject.Unknown);

    private static string NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? ModelSubject.Unknown : value;
}
