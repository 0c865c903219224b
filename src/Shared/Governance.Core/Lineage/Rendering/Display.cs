using System.Globalization;

namespace Governance.Core.Lineage.Rendering;

/// <summary>Short, human forms of ids and instants shared by the text, DOT and HTML renderings.</summary>
internal static class Display
{
    public static string When(DateTimeOffset? instant) =>
        instant is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>The last path segment of an ARN or URI, the whole id when it has none.</summary>
    public static string Short(string id)
    {
        if (id.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return id.Length > 19 ? id[..19] + "…" : id;
        }

        var trimmed = id.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        var tail = slash >= 0 && slash < trimmed.Length - 1 ? trimmed[(slash + 1)..] : trimmed;
        if (id.Contains(":model-package/", StringComparison.Ordinal) && slash > 0)
        {
            var group = trimmed[..slash];
            tail = $"{group[(group.LastIndexOf('/') + 1)..]} v{tail}";
        }

        return tail.Length > 26 ? tail[..25] + "…" : tail;
    }

    /// <summary>A code revision as people read it: <c>9f3c2ab in https://git.example.com/team/repo</c>.</summary>
    public static string Code(CodeRevisionView code) =>
        code.Repository is null ? code.Revision : $"{code.Revision} in {code.Repository}";

    public static string Label(string type) => type switch
    {
        "SourcePackage" => "Team package",
        "CentralPackage" => "Governed version",
        "TrainingJob" => "Training job",
        "Dataset" => "Dataset",
        "Image" => "Container image",
        "Artifact" => "Model artifact",
        "PipelineExecution" => "Deployment run",
        "Model" => "SageMaker model",
        "EndpointConfig" => "Endpoint config",
        "Endpoint" => "Endpoint",
        "Violation" => "Policy violation",
        _ => type,
    };
}
