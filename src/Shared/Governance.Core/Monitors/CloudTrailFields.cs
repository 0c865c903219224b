using System.Text.Json;
using Governance.Core.Events;

namespace Governance.Core.Monitors;

/// <summary>Reads the raw request and response members of CloudTrail records and names the caller.</summary>
public static class CloudTrailFields
{
    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "Client.UnauthorizedOperation",
        "UnauthorizedAccess",
    };

    /// <summary>A string member of a JSON object, or null when absent, null, empty or not a string.</summary>
    public static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(name, out var member)
        && member.ValueKind == JsonValueKind.String
        && member.GetString() is { Length: > 0 } text
            ? text
            : null;

    /// <summary>An object member, or the objects of an array member.</summary>
    public static IEnumerable<JsonElement> Objects(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty(name, out var member))
        {
            return [];
        }

        return member.ValueKind switch
        {
            JsonValueKind.Object => [member],
            JsonValueKind.Array => member.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).ToList(),
            _ => [],
        };
    }

    public static bool IsAccessDenied(string? errorCode) => errorCode is not null && AccessDeniedCodes.Contains(errorCode);

    /// <summary>Describe/List/Get calls change nothing; CloudTrail says so in <c>readOnly</c> when it sends it.</summary>
    public static bool IsReadOnly(CloudTrailApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.ReadOnly ?? (call.EventName.StartsWith("Describe", StringComparison.Ordinal)
            || call.EventName.StartsWith("List", StringComparison.Ordinal)
            || call.EventName.StartsWith("Get", StringComparison.Ordinal)
            || call.EventName.StartsWith("Search", StringComparison.Ordinal));
    }

    /// <summary>Who made the call, for people: the principal ARN, else the invoking service, else the principal id.</summary>
    public static string Principal(CloudTrailIdentity? identity) =>
        Blank(identity?.Arn) ?? Blank(identity?.InvokedBy) ?? Blank(identity?.PrincipalId) ?? Blank(identity?.Type) ?? "unknown";

    /// <summary>
    /// Every ARN the caller can be matched by: the principal ARN, the session issuer ARN, and for an assumed-role
    /// session the role's ARN (<c>arn:aws:sts::A:assumed-role/R/S</c> → <c>arn:aws:iam::A:role/R</c>).
    /// </summary>
    public static IReadOnlyList<string> CallerArns(CloudTrailIdentity? identity)
    {
        var arns = new List<string>();
        if (Blank(identity?.Arn) is { } arn)
        {
            arns.Add(arn);
            if (RoleOfSession(arn) is { } role)
            {
                arns.Add(role);
            }
        }

        if (Blank(identity?.SessionIssuerArn) is { } issuer && !arns.Contains(issuer))
        {
            arns.Add(issuer);
        }

        return arns;
    }

    private static string? RoleOfSession(string arn)
    {
        if (!Arn.TryParse(arn, out var parsed) || parsed.Service != "sts" || !parsed.Resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = parsed.Resource.Split('/');
        return parts.Length >= 2 ? "arn:" + parsed.Partition + ":iam::" + parsed.Account + ":role/" + parts[1] : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
