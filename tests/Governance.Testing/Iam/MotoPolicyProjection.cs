using System.Text.Json.Nodes;

namespace Governance.Testing.Iam;

/// <summary>
/// Restates a resolved IAM policy in the terms moto 5.2 evaluates, keeping every Action exactly as granted:
/// <list type="bullet">
/// <item>moto authorises S3 against the bucket/object ARN, sts:AssumeRole against the role ARN, and SQS and IAM
/// against theirs, but every other service (SageMaker, DynamoDB, SNS) against the resource <c>*</c>, which no
/// resource-scoped statement matches. Statements of those services get <c>Resource: *</c>: moto checks their
/// actions; the resources are checked against the bed's real ARNs by <see cref="PolicyCoverage"/>.</item>
/// <item>moto authorises TransactWriteItems / TransactGetItems as actions of their own; AWS authorises each item
/// by its own action (PutItem, UpdateItem, DeleteItem, ConditionCheckItem, GetItem) and has no IAM action for the
/// transaction. A statement granting the item actions also grants moto's transaction action.</item>
/// <item>Conditions are kept; moto evaluates identity-policy conditions without request context, so they never
/// restrict (aws:ResourceOrgID cannot be emulated: moto has no organisations for resources).</item>
/// <item>moto does not substitute policy variables (<c>${aws:PrincipalTag/…}</c>): each becomes <c>*</c> in a resource.
/// What the variables and conditions restrict is proven by the IAM evaluation engine (<c>IamSimulator</c>).</item>
/// </list>
/// </summary>
public static partial class MotoPolicyProjection
{
    /// <summary>Services moto authorises against the request's real resource ARN.</summary>
    public static readonly IReadOnlySet<string> ResourceAwareServices = new HashSet<string>(StringComparer.Ordinal) { "s3", "sts", "sqs", "iam" };

    private static readonly string[] TransactWriteItemActions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"];

    public static JsonObject Project(JsonObject policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var statements = new JsonArray();
        foreach (var statement in policy["Statement"].AsStatements())
        {
            foreach (var projected in ProjectStatement(statement))
            {
                statements.Add(projected);
            }
        }

        return new JsonObject { ["Version"] = (string?)policy["Version"] ?? "2012-10-17", ["Statement"] = statements };
    }

    private static IEnumerable<JsonObject> ProjectStatement(JsonObject statement)
    {
        if (statement.ContainsKey("NotAction") || statement.ContainsKey("NotResource"))
        {
            throw new NotSupportedException($"statement {(string?)statement["Sid"]} uses NotAction/NotResource, which the projection does not restate");
        }

        var actions = statement["Action"].Strings();
        var aware = actions.Where(action => ResourceAwareServices.Contains(Service(action))).ToList();
        var blind = actions.Except(aware).ToList();
        if (blind.Count > 0 && (string?)statement["Effect"] == "Deny" && statement["Resource"].Strings() is not ["*"])
        {
            throw new NotSupportedException($"a resource-scoped Deny ({(string?)statement["Sid"]}) would widen to every resource in moto");
        }

        if (aware.Count > 0)
        {
            yield return WithActions(statement, aware, WithoutPolicyVariables(statement["Resource"]));
        }

        if (blind.Count > 0)
        {
            if (blind.Intersect(TransactWriteItemActions).Any())
            {
                blind.Add("dynamodb:TransactWriteItems");
            }

            if (blind.Contains("dynamodb:GetItem"))
            {
                blind.Add("dynamodb:TransactGetItems");
            }

            yield return WithActions(statement, blind, "*");
        }
    }

    private static JsonObject WithActions(JsonObject statement, IReadOnlyList<string> actions, JsonNode? resource)
    {
        var copy = statement.DeepClone().AsObject();
        copy["Action"] = new JsonArray([.. actions.Select(action => (JsonNode)action)]);
        copy["Resource"] = resource;
        return copy;
    }

    private static JsonNode? WithoutPolicyVariables(JsonNode? resource) => resource switch
    {
        JsonArray list => new JsonArray([.. list.Select(WithoutPolicyVariables)]),
        JsonValue value when value.TryGetValue<string>(out var text) => PolicyVariable().Replace(text, "*"),
        _ => resource?.DeepClone(),
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex PolicyVariable();

    private static string Service(string action) => action.Split(':')[0];
}
