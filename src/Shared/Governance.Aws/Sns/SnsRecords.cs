using System.Text.Json;

namespace Governance.Aws.Sns;

/// <summary>An SNS message attribute (what subscribers' filter policies match on).</summary>
/// <param name="DataType">String, String.Array, Number or Binary (optionally with a custom suffix).</param>
/// <param name="Value">The value as text; for String.Array a JSON array.</param>
public sealed record SnsAttributeValue(string DataType, string Value)
{
    public static SnsAttributeValue Text(string value) => new("String", value);

    public static SnsAttributeValue Number(decimal value) => new("Number", value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static SnsAttributeValue List(IEnumerable<string> values) =>
        new("String.Array", JsonSerializer.Serialize(values.ToArray(), SnsJsonContext.Default.StringArray));
}

/// <summary>One Publish.</summary>
/// <param name="TopicArn">Topic to publish to.</param>
/// <param name="Message">The message; with <see cref="JsonStructure"/> a JSON object of per-protocol messages with a "default" entry.</param>
public sealed record SnsMessage(string TopicArn, string Message)
{
    public string? Subject { get; init; }

    /// <summary>Sends MessageStructure=json.</summary>
    public bool JsonStructure { get; init; }

    public IReadOnlyDictionary<string, SnsAttributeValue> Attributes { get; init; } = new Dictionary<string, SnsAttributeValue>();

    /// <summary>FIFO topics only.</summary>
    public string? MessageGroupId { get; init; }

    /// <summary>FIFO topics only.</summary>
    public string? MessageDeduplicationId { get; init; }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class SnsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
