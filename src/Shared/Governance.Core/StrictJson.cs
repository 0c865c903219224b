using System.Text.Json;

namespace Governance.Core;

/// <summary>How the service's own configuration files are parsed: no duplicate keys, no comments, no trailing commas.</summary>
internal static class StrictJson
{
    public static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };
}
