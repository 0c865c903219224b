using System.Collections;
using System.Globalization;
using System.Text.Json;
using Governance.Core.Secrets;

namespace Governance.Hosting.Logging;

/// <summary>
/// Writes a structured property value as JSON: primitives as themselves, dictionaries as objects, other
/// sequences as arrays, anything else as its string form. Values under sensitive keys are redacted at
/// every depth and strings are scrubbed of credentials.
/// </summary>
internal static class LogValueWriter
{
    private const int MaxDepth = 8;

    public static void WriteProperty(Utf8JsonWriter writer, string key, object? value)
    {
        writer.WritePropertyName(key);
        if (SecretRedactor.IsSensitiveKey(key))
        {
            writer.WriteStringValue(SecretRedactor.Redacted);
            return;
        }

        WriteValue(writer, value, 0);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(SecretRedactor.Scrub(text));
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(instant.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime instant:
                writer.WriteStringValue(instant.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                writer.WriteStringValue(id);
                break;
            case Enum:
            case Uri:
                writer.WriteStringValue(SecretRedactor.Scrub(value.ToString() ?? string.Empty));
                break;
            case JsonElement element:
                WriteElement(writer, element, depth);
                break;
            // Read-only dictionaries and HTTP header collections are sequences of string-keyed pairs.
            case IEnumerable<KeyValuePair<string, string>> pairs when depth < MaxDepth:
                WritePairs(writer, pairs.Select(pair => (pair.Key, (object?)pair.Value)), depth);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs when depth < MaxDepth:
                WritePairs(writer, pairs.Select(pair => (pair.Key, pair.Value)), depth);
                break;
            case IEnumerable<KeyValuePair<string, IEnumerable<string>>> pairs when depth < MaxDepth:
                WritePairs(writer, pairs.Select(pair => (pair.Key, (object?)pair.Value)), depth);
                break;
            case IDictionary dictionary when depth < MaxDepth:
                WriteDictionary(writer, dictionary, depth);
                break;
            case IEnumerable sequence when depth < MaxDepth:
                WriteSequence(writer, sequence, depth);
                break;
            case IFormattable formattable:
                writer.WriteStringValue(SecretRedactor.Scrub(formattable.ToString(null, CultureInfo.InvariantCulture)));
                break;
            default:
                writer.WriteStringValue(SecretRedactor.Scrub(value.ToString() ?? string.Empty));
                break;
        }
    }

    private static void WriteDictionary(Utf8JsonWriter writer, IDictionary dictionary, int depth)
    {
        var entries = new List<(string Key, object? Value)>(dictionary.Count);
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            entries.Add((Convert.ToString(enumerator.Key, CultureInfo.InvariantCulture) ?? string.Empty, enumerator.Value));
        }

        WritePairs(writer, entries, depth);
    }

    private static void WritePairs(Utf8JsonWriter writer, IEnumerable<(string Key, object? Value)> pairs, int depth)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in pairs)
        {
            writer.WritePropertyName(key);
            if (SecretRedactor.IsSensitiveKey(key))
            {
                writer.WriteStringValue(SecretRedactor.Redacted);
            }
            else
            {
                WriteValue(writer, value, depth + 1);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteSequence(Utf8JsonWriter writer, IEnumerable sequence, int depth)
    {
        writer.WriteStartArray();
        foreach (var item in sequence)
        {
            WriteValue(writer, item, depth + 1);
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when depth < MaxDepth:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (SecretRedactor.IsSensitiveKey(property.Name))
                    {
                        writer.WriteStringValue(SecretRedactor.Redacted);
                    }
                    else
                    {
                        WriteElement(writer, property.Value, depth + 1);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array when depth < MaxDepth:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(SecretRedactor.Scrub(element.GetString() ?? string.Empty));
                break;
            case JsonValueKind.Object or JsonValueKind.Array:
                writer.WriteStringValue("[nested too deep]");
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
