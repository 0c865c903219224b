using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Governance.Aws.Tests.Contract;

/// <summary>
/// Response documents built from output shapes: every member present down to a depth (required ones always),
/// strings "{Member}-value" (enums their first value), numbers at their minimum, one entry per list and map.
/// NextToken is left out so paginated calls end.
/// </summary>
public sealed class SampleDocuments(ServiceModel model)
{
    private const int FullDepth = 6;
    private const int MaxDepth = 12;
    public const double SampleTimestamp = 1700000000.25;

    public JsonNode Json(string shape) => JsonFor(shape, "Value", 0) ?? new JsonObject();

    public static string Sample(string member) => member + "-value";

    private JsonNode? JsonFor(string shapeName, string member, int depth)
    {
        var shape = model.Shape(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                if (depth > MaxDepth)
                {
                    return null;
                }

                var result = new JsonObject();
                var required = shape.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
                foreach (var property in shape.GetProperty("members").EnumerateObject())
                {
                    if (property.Name == "NextToken" || (depth >= FullDepth && !required.Contains(property.Name)))
                    {
                        continue;
                    }

                    if (JsonFor(property.Value.GetProperty("shape").GetString()!, property.Name, depth + 1) is { } value)
                    {
                        result[property.Name] = value;
                    }
                }

                return result;
            case "list":
                var item = JsonFor(shape.GetProperty("member").GetProperty("shape").GetString()!, member, depth + 1);
                return item is null ? new JsonArray() : new JsonArray(item);
            case "map":
                var entry = JsonFor(shape.GetProperty("value").GetProperty("shape").GetString()!, member, depth + 1);
                return entry is null ? new JsonObject() : new JsonObject { ["key1"] = entry };
            case "string":
                return JsonValue.Create(StringSample(shape, member));
            case "integer" or "long":
                return JsonValue.Create(Math.Max(shape.TryGetProperty("min", out var min) ? min.GetInt64() : 1, 1));
            case "double" or "float":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "timestamp":
                return JsonValue.Create(SampleTimestamp);
            case "blob":
                return JsonValue.Create("AAEC");
            default:
                return null;
        }
    }

    /// <summary>A query-protocol response: {Operation}Response / {ResultWrapper} / members, plus ResponseMetadata.</summary>
    public string Xml(string operation)
    {
        XNamespace ns = model.Metadata("xmlNamespace");
        var response = new XElement(ns + (operation + "Response"));
        if (model.ResultWrapper(operation) is { } wrapper)
        {
            var result = new XElement(ns + wrapper);
            AddXmlMembers(result, model.OutputShape(operation), ns);
            response.Add(result);
        }

        response.Add(new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", "request-id-sample")));
        return response.ToString(SaveOptions.DisableFormatting);
    }

    private void AddXmlMembers(XElement parent, string structure, XNamespace ns)
    {
        foreach (var (name, shapeName) in model.Members(structure))
        {
            if (name == "NextToken")
            {
                continue;
            }

            var shape = model.Shape(shapeName);
            var type = shape.GetProperty("type").GetString();
            var element = new XElement(ns + name);
            switch (type)
            {
                case "structure":
                    AddXmlMembers(element, shapeName, ns);
                    break;
                case "string":
                    element.Value = StringSample(shape, name);
                    break;
                case "integer" or "long":
                    element.Value = "1";
                    break;
                case "boolean":
                    element.Value = "true";
                    break;
                case "timestamp":
                    element.Value = DateTimeOffset.FromUnixTimeSeconds(1700000000).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    break;
                default:
                    continue;
            }

            parent.Add(element);
        }
    }

    private static string StringSample(JsonElement shape, string member)
    {
        if (shape.TryGetProperty("enum", out var values))
        {
            return values[0].GetString()!;
        }

        var sample = Sample(member);
        var min = shape.TryGetProperty("min", out var low) ? low.GetInt32() : 0;
        var max = shape.TryGetProperty("max", out var high) ? high.GetInt32() : int.MaxValue;
        if (sample.Length < min)
        {
            sample = sample.PadRight(min, 'x');
        }

        return sample.Length > max ? sample[..max] : sample;
    }
}
