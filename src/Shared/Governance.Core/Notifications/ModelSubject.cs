using Governance.Core.Registry;

namespace Governance.Core.Notifications;

/// <summary>
/// Which model a notification concerns, and whom it belongs to. Values become message attributes, which SNS
/// does not allow to be empty: unknown parts read <see cref="Unknown"/>.
/// </summary>
public sealed record ModelSubject(string Team, string ModelPackageGroup, int? Version, string? ModelPackageArn, string SourceAccount)
{
    public const string Unknown = "unknown";

    /// <summary>
    /// The subject of a package: team from its <c>team</c> tag; source account from its provenance tag
    /// (a central copy) or else its own account (a team package).
    /// </summary>
    public static ModelSubject From(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new ModelSubject(
            NonEmpty(package.Tag(ProvenanceTags.Team)),
            package.GroupName,
            package.Version,
            package.Arn.Value,
            NonEmpty(package.Tag(ProvenanceTags.SourceAccount) ?? package.Account));
    }

    /// <summary>A short name for people: <c>group v3</c>, or the group alone when the version is unknown.</summary>
    public string DisplayName => Version is { } version
        ? ModelPackageGroup + " v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : ModelPackageGroup;

    private static string NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? Unknown : value;
}
