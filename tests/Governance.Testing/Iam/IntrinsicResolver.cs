using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Governance.Testing.Iam;

/// <summary>
/// Evaluates the CloudFormation intrinsics IAM statements use (Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
/// Fn::Split, Fn::Select, Fn::If with the template's Conditions, AWS::NoValue) against <see cref="StackBindings"/>.
/// Anything it cannot bind is an error naming it, never a silent placeholder.
/// </summary>
public sealed class IntrinsicResolver(JsonObject template, StackBindings bindings)
{
    private readonly JsonObject _template = template ?? throw new ArgumentNullException(nameof(template));
    private readonly StackBindings _bindings = bindings ?? throw new ArgumentNullException(nameof(bindings));

    /// <summary>The node with every intrinsic evaluated; null when it is <c>Ref AWS::NoValue</c>.</summary>
    /// <exception cref="InvalidOperationException">An intrinsic refers to something the bindings do not hold.</exception>
    public JsonNode? Resolve(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    if (Resolve(item) is { } resolved)
                    {
                        items.Add(resolved);
                    }
                }

                return items;
            case JsonObject single when single.Count == 1 && IsIntrinsic(single.First().Key):
                var (name, argument) = single.First();
                return Intrinsic(name, argument);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (Resolve(value) is { } resolved)
                    {
                        copy[key] = resolved;
                    }
                }

                return copy;
            default:
                return node.DeepClone();
        }
    }

    /// <summary>The value of a condition of the template's Conditions section.</summary>
    public bool Condition(string name)
    {
        var definition = _template["Conditions"]?[name] ?? throw new InvalidOperationException($"the template has no condition '{name}'");
        return Truth(definition);
    }

    private static bool IsIntrinsic(string key) => key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private JsonNode? Intrinsic(string name, JsonNode? argument) => name switch
    {
        "Ref" => Reference(Scalar(argument, name)),
        "Fn::GetAtt" => Attribute(argument),
        "Fn::Sub" => JsonValue.Create(Substitute(argument)),
        "Fn::Join" => JsonValue.Create(Join(argument)),
        "Fn::Split" => Split(argument),
        "Fn::Select" => Select(argument),
        "Fn::If" => If(argument),
        _ => throw new InvalidOperationException($"intrinsic {name} is not supported by the resolver"),
    };

    private JsonNode? Reference(string name)
    {
        switch (name)
        {
            case "AWS::NoValue":
                return null;
            case "AWS::AccountId":
                return _bindings.AccountId;
            case "AWS::Region":
                return _bindings.Region;
            case "AWS::Partition":
                return _bindings.Partition;
            case "AWS::URLSuffix":
                return _bindings.UrlSuffix;
            case "AWS::StackName":
                return _bindings.StackName;
        }

        if (_bindings.Parameters.TryGetValue(name, out var parameter))
        {
            return parameter.DeepClone();
        }

        if (_template["Parameters"]?[name] is JsonObject declared)
        {
            var fallback = declared["Default"] ?? throw new InvalidOperationException($"parameter {name} has no default and is not bound");
            return string.Equals((string?)declared["Type"], "CommaDelimitedList", StringComparison.Ordinal)
                ? ListParameter((string)fallback!)
                : fallback.DeepClone();
        }

        return _bindings.References.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"Ref {name} is not bound");
    }

    private static JsonArray ListParameter(string value) =>
        value.Length == 0 ? [] : new JsonArray([.. value.Split(',').Select(part => (JsonNode)part.Trim())]);

    private JsonNode Attribute(JsonNode? argument)
    {
        var key = argument switch
        {
            JsonArray pair when pair.Count == 2 => $"{(string)pair[0]!}.{(string)pair[1]!}",
            JsonValue dotted => (string)dotted!,
            _ => throw new InvalidOperationException($"Fn::GetAtt {argument?.ToJsonString()} is malformed"),
        };
        return Bound(key);
    }

    private string Bound(string attribute) =>
        _bindings.Attributes.TryGetValue(attribute, out var value) ? value : throw new InvalidOperationException($"Fn::GetAtt {attribute} is not bound");

    private string Substitute(JsonNode? argument)
    {
        var (text, variables) = argument switch
        {
            JsonValue value => ((string)value!, null),
            JsonArray { Count: 2 } pair => ((string)pair[0]!, pair[1] as JsonObject),
            _ => throw new InvalidOperationException($"Fn::Sub {argument?.ToJsonString()} is malformed"),
        };
        var result = new StringBuilder();
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("${", at, StringComparison.Ordinal);
            if (open < 0)
            {
                result.Append(text, at, text.Length - at);
                break;
            }

            result.Append(text, at, open - at);
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw new InvalidOperationException($"Fn::Sub '{text}' has an unclosed ${{");
            }

            var name = text[(open + 2)..close];
            result.Append(name.StartsWith('!') ? "${" + name[1..] + "}" : SubstitutionValue(name, variables));
            at = close + 1;
        }

        return result.ToString();
    }

    private string SubstitutionValue(string name, JsonObject? variables)
    {
        if (variables is not null && variables.TryGetPropertyValue(name, out var variable))
        {
            return Scalar(Resolve(variable), $"Fn::Sub variable {name}");
        }

        return name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal)
            ? Bound(name)
            : Scalar(Reference(name), $"Fn::Sub ${{{name}}}");
    }

    private string Join(JsonNode? argument)
    {
        if (argument is not JsonArray { Count: 2 } pair)
        {
            throw new InvalidOperationException($"Fn::Join {argument?.ToJsonString()} is malformed");
        }

        var parts = Resolve(pair[1]) as JsonArray ?? throw new InvalidOperationException("Fn::Join needs a list");
        return string.Join((string)pair[0]!, parts.Select(part => Scalar(part, "Fn::Join element")));
    }

    private JsonArray Split(JsonNode? argument)
    {
        if (argument is not JsonArray { Count: 2 } pair)
        {
            throw new InvalidOperationException($"Fn::Split {argument?.ToJsonString()} is malformed");
        }

        var text = Scalar(Resolve(pair[1]), "Fn::Split source");
        return new JsonArray([.. text.Split((string)pair[0]!).Select(part => (JsonNode)part)]);
    }

    private JsonNode? Select(JsonNode? argument)
    {
        if (argument is not JsonArray { Count: 2 } pair || Resolve(pair[1]) is not JsonArray list)
        {
            throw new InvalidOperationException($"Fn::Select {argument?.ToJsonString()} is malformed");
        }

        var index = int.Parse(Scalar(Resolve(pair[0]), "Fn::Select index"), CultureInfo.InvariantCulture);
        return list[index]?.DeepClone();
    }

    private JsonNode? If(JsonNode? argument)
    {
        if (argument is not JsonArray { Count: 3 } branches)
        {
            throw new InvalidOperationException($"Fn::If {argument?.ToJsonString()} is malformed");
        }

        return Resolve(Condition((string)branches[0]!) ? branches[1] : branches[2]);
    }

    private bool Truth(JsonNode? node)
    {
        if (node is not JsonObject { Count: 1 } single)
        {
            throw new InvalidOperationException($"condition {node?.ToJsonString()} is malformed");
        }

        var (name, argument) = single.First();
        var operands = argument as JsonArray;
        return name switch
        {
            "Condition" => Condition((string)argument!),
            "Fn::Not" => !Truth(operands![0]),
            "Fn::And" => operands!.All(Truth),
            "Fn::Or" => operands!.Any(Truth),
            "Fn::Equals" => JsonNode.DeepEquals(Resolve(operands![0]), Resolve(operands[1])),
            _ => throw new InvalidOperationException($"condition function {name} is not supported by the resolver"),
        };
    }

    private static string Scalar(JsonNode? node, string what) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidOperationException($"{what} is not a string: {node?.ToJsonString() ?? "no value"}");
}
