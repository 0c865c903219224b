using Governance.Core.Ledger;
using Governance.Core.Registry;

namespace Governance.Core.Lineage;

/// <summary>
/// The S3 locations a ledger node names, as the location index files them: a dataset's id, and an artifact's
/// <c>uri</c> (where the governed copy lives), <c>sourceUri</c> (where the team stored it) or <c>centralUri</c>.
/// </summary>
public static class NodeLocations
{
    private static readonly string[] UriAttributes = ["uri", "sourceUri", "centralUri"];

    public static IReadOnlyList<S3Location> Of(LedgerNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var uris = UriAttributes.Select(name => node.Attributes.GetValueOrDefault(name));
        if (node.Node.Type == NodeTypes.Dataset)
        {
            uris = uris.Prepend(node.Node.Id);
        }

        return [.. uris
            .Where(uri => uri is not null && uri.StartsWith("s3://", StringComparison.Ordinal))
            .Select(S3Location.ParseOrNull)
            .OfType<S3Location>()
            .Distinct()];
    }
}
