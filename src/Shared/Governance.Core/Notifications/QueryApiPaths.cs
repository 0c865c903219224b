using System.Globalization;

namespace Governance.Core.Notifications;

/// <summary>Paths of the lineage query API (routes of the LineageApi function), with each segment escaped.</summary>
public static class QueryApiPaths
{
    public static string Model(string group) => "/models/" + Uri.EscapeDataString(group);

    public static string ModelVersion(string group, int version) =>
        Model(group) + "/versions/" + version.ToString(CultureInfo.InvariantCulture);

    public static string Timeline(string group, int version) => ModelVersion(group, version) + "/timeline";

    public static string Endpoint(string name) => "/endpoints/" + Uri.EscapeDataString(name);

    /// <summary>The lineage of a subject: its version when known, else its group.</summary>
    public static string Lineage(ModelSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Version is { } version ? ModelVersion(subject.ModelPackageGroup, version) : Model(subject.ModelPackageGroup);
    }

    /// <summary>Where the full record of a subject's events lives: its timeline when the version is known.</summary>
    public static string FullRecord(ModelSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Version is { } version ? Timeline(subject.ModelPackageGroup, version) : Model(subject.ModelPackageGroup);
    }
}
