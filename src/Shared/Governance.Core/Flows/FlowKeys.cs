using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Registry;

namespace Governance.Core.Flows;

/// <summary>Deterministic names derived from what an event is about, so every retry uses the same ones.</summary>
public static class FlowKeys
{
    /// <summary>
    /// The central bucket key of an artifact: <c>&lt;account&gt;/&lt;group&gt;/&lt;version&gt;/&lt;role&gt;/&lt;file&gt;</c>,
    /// the role naming the report for metrics and baselines (e.g. <c>model-metrics-model-quality-statistics</c>).
    /// </summary>
    public static string CentralArtifactKey(ModelPackage package, ArtifactReference artifact)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(artifact);
        var key = artifact.Location?.Key ?? artifact.Uri;
        var file = key.TrimEnd('/');
        file = file[(file.LastIndexOf('/') + 1)..];
        var version = package.Version?.ToString(CultureInfo.InvariantCulture) ?? "unversioned";
        return string.Join('/', package.Account, package.GroupName, version, RoleSegment(artifact), file.Length == 0 ? "object" : file);
    }

    /// <summary>
    /// The central bucket key of each S3 artifact of the package, by its JSON path: <see cref="CentralArtifactKey"/>,
    /// except where two different objects would get the same key (two containers' <c>model.tar.gz</c>): each of
    /// those is placed under a folder named after its JSON path, so no copy ever overwrites another.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CentralArtifactKeys(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var keyed = package.Artifacts.Where(artifact => artifact.Location is not null)
            .Select(artifact => (Artifact: artifact, Key: CentralArtifactKey(package, artifact))).ToList();
        var shared = keyed.GroupBy(entry => entry.Key, StringComparer.Ordinal)
            .Where(group => group.Select(entry => entry.Artifact.Uri).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(group => group.Key)
            .ToHashSet(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (artifact, key) in keyed)
        {
            var slash = key.LastIndexOf('/');
            keys[artifact.JsonPath] = shared.Contains(key) ? key[..slash] + "/" + PathSegment(artifact.JsonPath) + key[slash..] : key;
        }

        return keys;
    }

    /// <summary>CreateModelPackage ClientToken for the central copy of a source package (36 characters of [a-f0-9-]).</summary>
    public static string CentralPackageToken(string sourcePackageArn) => GuidShaped("central-package:" + sourcePackageArn);

    /// <summary>StartPipelineExecution token for an approval event: one execution per approval event, however often delivered.</summary>
    public static string ExecutionToken(string approvalEventId) =>
        "approval-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(approvalEventId)))[..48];

    /// <summary>The ledger event id of one step of handling an event, so each step is recorded once per event.</summary>
    public static string StepEventId(string eventId, string step) => eventId + "#" + step;

    private static string RoleSegment(ArtifactReference artifact)
    {
        var parts = new List<string> { Kebab(artifact.Role.ToString()) };
        if (artifact.Section is { } section)
        {
            parts.Add(Kebab(section.ToString()));
        }

        if (artifact.ReportName is { } report)
        {
            parts.Add(Kebab(report));
        }

        return string.Join('-', parts);
    }

    // $.InferenceSpecification.Containers[1].ModelDataUrl -> inference-specification-containers-1-model-data-url
    private static string PathSegment(string jsonPath)
    {
        var builder = new StringBuilder(jsonPath.Length + 8);
        foreach (var character in jsonPath.TrimStart('$', '.'))
        {
            if (char.IsUpper(character) && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (character is '.' or '[')
            {
                builder.Append('-');
            }
            else if (char.IsLetterOrDigit(character))
            {
                builder.Append(char.ToLowerInvariant(character));
            }
        }

        return builder.ToString();
    }

    private static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var character in name)
        {
            if (char.IsUpper(character) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }

    private static string GuidShaped(string text)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
