using System.Buffers;

namespace Governance.Core.Ledger;

/// <summary>
/// Identity of a node in the lineage graph and of an event chain's subject: a type from
/// <see cref="NodeTypes"/> (letters and digits) and an id (an ARN, an S3 URI, a digest, a name).
/// Written and parsed as <c>Type:Id</c>; the id may itself contain colons.
/// </summary>
public sealed record NodeRef
{
    private static readonly SearchValues<char> TypeCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>Ids are stored inside DynamoDB keys (at most 1024 bytes for a sort key) together with a prefix.</summary>
    public const int MaxIdLength = 700;

    public NodeRef(string type, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (type.AsSpan().ContainsAnyExcept(TypeCharacters) || type.Length > 64)
        {
            throw new ArgumentException($"node type '{type}' must be 1-64 letters or digits", nameof(type));
        }

        if (!IsValidId(id))
        {
            throw new ArgumentException($"node id must be at most {MaxIdLength} characters without control characters", nameof(id));
        }

        Type = type;
        Id = id;
    }

    public string Type { get; }

    public string Id { get; }

    /// <summary>Whether <paramref name="id"/> can identify a node: 1 to <see cref="MaxIdLength"/> characters, none of them control characters.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && !id.AsSpan().ContainsAnyInRange('\0', '\u001f');

    /// <summary>Parses <c>Type:Id</c>, the form <see cref="ToString"/> writes.</summary>
    public static NodeRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a node reference of the form Type:Id");
        }

        return new NodeRef(text[..colon], text[(colon + 1)..]);
    }

    public override string ToString() => $"{Type}:{Id}";
}
