using System.Text.Json.Nodes;

namespace Governance.Testing.Iam;

/// <summary>One inline policy of a role, resolved: what IAM would store.</summary>
public sealed record RolePolicy(string Name, JsonObject Document);

/// <summary>A role of a (transformed) template with its intrinsics resolved for one stack.</summary>
/// <param name="LogicalId">The role's logical id, e.g. <c>RegistrySyncFunctionRole</c>.</param>
/// <param name="TrustPolicy">AssumeRolePolicyDocument.</param>
/// <param name="Policies">The inline policies; managed policy ARNs are listed apart.</param>
/// <param name="ManagedPolicyArns">AWS managed policies attached (logs, X-Ray) — not part of the function's own grant.</param>
public sealed record TemplateRole(string LogicalId, JsonObject TrustPolicy, IReadOnlyList<RolePolicy> Policies, IReadOnlyList<string> ManagedPolicyArns)
{
    /// <summary>Every statement of every inline policy.</summary>
    public IEnumerable<JsonObject> Statements => Policies.SelectMany(policy => policy.Document["Statement"].AsStatements());
}

/// <summary>Reads IAM roles out of CloudFormation JSON (after the SAM transform for template.yaml).</summary>
public static class TemplateRoles
{
    /// <summary>The execution role SAM generates for a function: <c>{FunctionLogicalId}Role</c>.</summary>
    public static TemplateRole ForFunction(JsonObject template, string functionLogicalId, StackBindings bindings) =>
        Role(template, functionLogicalId + "Role", bindings);

    /// <exception cref="InvalidOperationException">No such role, or an intrinsic the bindings cannot satisfy.</exception>
    public static TemplateRole Role(JsonObject template, string roleLogicalId, StackBindings bindings)
    {
        ArgumentNullException.ThrowIfNull(template);
        var resource = template["Resources"]?[roleLogicalId] as JsonObject;
        if (resource is null || (string?)resource["Type"] != "AWS::IAM::Role")
        {
            throw new InvalidOperationException($"the template has no role {roleLogicalId}");
        }

        var resolver = new IntrinsicResolver(template, bindings);
        var properties = resource["Properties"]!.AsObject();
        var trust = resolver.Resolve(properties["AssumeRolePolicyDocument"])!.AsObject();
        var policies = (properties["Policies"] as JsonArray ?? [])
            .Select(policy => new RolePolicy((string)policy!["PolicyName"]!, resolver.Resolve(policy["PolicyDocument"])!.AsObject()))
            .ToList();
        var managed = (resolver.Resolve(properties["ManagedPolicyArns"]) as JsonArray ?? []).Select(arn => (string)arn!).ToList();
        return new TemplateRole(roleLogicalId, trust, policies, managed);
    }

    /// <summary>A policy's statements (a single statement object counts as one).</summary>
    public static IEnumerable<JsonObject> AsStatements(this JsonNode? statement) => statement switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject single => [single],
        _ => [],
    };

    /// <summary>A statement element that may be a string or a list of strings (Action, Resource).</summary>
    public static IReadOnlyList<string> Strings(this JsonNode? element) => element switch
    {
        JsonArray list => [.. list.Select(item => (string)item!)],
        JsonValue value => [(string)value!],
        _ => [],
    };
}
