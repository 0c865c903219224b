using System.Text.Json.Serialization;

namespace Governance.Core.Policy;

/// <summary>Source-generated JSON for the policy document and for decisions (camelCase, enums as camelCase strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(PolicyDocument))]
[JsonSerializable(typeof(PolicyDecision))]
[JsonSerializable(typeof(string))]
public sealed partial class PolicyJsonContext : JsonSerializerContext;
