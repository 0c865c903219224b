using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Core.Policy;

/// <summary>Reads a whole number written either way JSON allows (<c>1</c> or <c>1.0</c>), as JSON Schema's "integer" does.</summary>
public sealed class WholeNumberConverter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDouble();
        return value % 1 == 0 && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new JsonException("Expected a whole number, got " + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
