using System.Globalization;
using Governance.Core.Lineage;

namespace Governance.Core.Presentation.Reports;

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

    /// <summary>
    /// The name a graph box shows: a file's name, an image's repository, a violation's rule, else the short id;
    /// at most 22 characters, which fit the box.
    /// </summary>
    public static string Box(NodeView node)
    {
        var name = node.Type switch
        {
            "Artifact" when node.Attribute("uri") is { } uri => uri[(uri.LastIndexOf('/') + 1)..],
            "Image" when node.Attribute("uri") is { } uri && uri.LastIndexOf('/') is var slash and >= 0 => uri[(slash + 1)..].Split('@', ':')[0],
            "Violation" when node.Attribute("rule") is { } rule => rule,
            _ => Short(node.Id),
        };
        return name.Length > 22 ? name[..21] + "…" : name;
    }

    /// <summary>What a ledger record kind means, in words (the kind itself when it has no common wording).</summary>
    public static string Happened(string kind) => kind switch
    {
        "model.approved" => "approved",
        "model.rejected" => "rejected",
        "model.submitted" => "submitted for central approval",
        "model.blocked" => "blocked by the governance policy",
        "policy.decision" => "checked against the governance policy",
        "artifact.copied" => "file copied into the governed bucket",
        "notification.published" => "team notified",
        "deployment.started" => "deployment started",
        "deployment.succeeded" => "deployment succeeded",
        "deployment.failed" => "deployment failed",
        "deployment.endpoint" => "put on an endpoint",
        "deployment.endpoint-deleted" => "endpoint deleted",
        _ when kind.StartsWith("audit.", StringComparison.Ordinal) => "AWS call " + kind["audit.".Length..],
        _ when kind.StartsWith("compliance.", StringComparison.Ordinal) => "compliance check: " + kind["compliance.".Length..].Replace('-', ' '),
        _ => kind,
    };

    public static string Label(string type) => type switch
    {
        "SourcePackage" => "Team package",
        "CentralPackage" => "Governed version",
        "TrainingJob" => "Training job",
        "Dataset" => "Dataset",
        "Image" => "Container image",
        "Artifact" => "Model file",
        "PipelineExecution" => "Deployment run",
        "Model" => "SageMaker model",
        "EndpointConfig" => "Endpoint config",
        "Endpoint" => "Endpoint",
        "Violation" => "Policy violation",
        _ => type,
    };
}
