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
