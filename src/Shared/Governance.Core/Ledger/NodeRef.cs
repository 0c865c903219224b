using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Core.Ledger;

/// <summary>
/// Identity of a node in the lineage graph and of an event chain's subject: a type from
/// <see cref="NodeTypes"/> (letters and digits) and an id (an ARN, an S3 URI, a digest, a name).
/// Written and parsed as <c>Type:Id</c> (also in JSON); the id may itself contain colons.
/// </summary>
[JsonConverter(typeof(NodeRefJsonConverter))]
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

/// <summary>A <see cref="NodeRef"/> in JSON: its <c>Type:Id</c> text.</summary>
public sealed class NodeRefJsonConverter : JsonConverter<NodeRef>
{
    public override NodeRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return NodeRef.Parse(reader.GetString() ?? throw new JsonException("a node reference must be a string"));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new JsonException(exception.Message, exception);
        }
    }

    public override void Write(Utf8JsonWriter writer, NodeRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
