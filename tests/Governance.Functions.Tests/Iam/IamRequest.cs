using System.Text.Json.Nodes;

namespace Governance.Functions.Tests.Iam;

/// <summary>Who asks: a role session (or user) with its identity policies, or an AWS service principal.</summary>
/// <param name="Arn">The request's principal: an assumed-role session ARN, a user ARN or a service principal.</param>
/// <param name="PrincipalArn">aws:PrincipalArn (a session's role ARN); null for a service.</param>
/// <param name="Account">The principal's account; null for a service.</param>
/// <param name="OrgId">aws:PrincipalOrgID; null outside any organisation or for a service.</param>
public sealed record Caller(string Arn, string? PrincipalArn, string? Account, string? OrgId, IReadOnlyList<JsonObject> Policies)
{
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>A session of role <paramref name="roleArn"/>.</summary>
    public static Caller Session(string roleArn, string? orgId, IReadOnlyList<JsonObject> policies)
    {
        var account = roleArn.Split(':')[4];
        var name = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return new Caller($"arn:aws:sts::{account}:assumed-role/{name}/session", roleArn, account, orgId, policies);
    }

    public static Caller Service(string servicePrincipal) => new(servicePrincipal, null, null, null, []);
}

/// <summary>What is asked for: a resource ARN in an account, with its resource policy if it has one.</summary>
public sealed record Target(string Arn, string Account, string? OrgId, JsonObject? Policy);

/// <summary>Builds iam-simulate requests with the context AWS puts in every authenticated request.</summary>
public static class IamRequest
{
    public static JsonObject Build(Caller caller, string action, Target target, IReadOnlyDictionary<string, JsonNode>? context = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        var variables = new JsonObject { ["aws:SecureTransport"] = "true", ["aws:ResourceAccount"] = target.Account };
        if (target.OrgId is { } resourceOrg)
        {
            variables["aws:ResourceOrgID"] = resourceOrg;
        }

        if (caller.PrincipalArn is { } principalArn)
        {
            variables["aws:PrincipalArn"] = principalArn;
            variables["aws:PrincipalAccount"] = caller.Account;
            if (caller.OrgId is { } org)
            {
                variables["aws:PrincipalOrgID"] = org;
            }
        }

        foreach (var (key, value) in caller.Tags)
        {
            variables["aws:PrincipalTag/" + key] = value;
        }

        foreach (var (key, value) in context ?? new Dictionary<string, JsonNode>())
        {
            variables[key] = value.DeepClone();
        }

        var simulation = new JsonObject
        {
            ["request"] = new JsonObject
            {
                ["principal"] = caller.Arn,
                ["action"] = action,
                ["resource"] = new JsonObject { ["resource"] = target.Arn, ["accountId"] = target.Account },
                ["contextVariables"] = variables,
            },
            ["identityPolicies"] = new JsonArray([.. caller.Policies.Select((policy, index) =>
                (JsonNode)new JsonObject { ["name"] = "policy" + index, ["policy"] = policy.DeepClone() })]),
            ["serviceControlPolicies"] = new JsonArray(),
            ["resourceControlPolicies"] = new JsonArray(),
        };
        if (target.Policy is { } policy)
        {
            simulation["resourcePolicy"] = policy.DeepClone();
        }

        return simulation;
    }
}
