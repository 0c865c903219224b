using System.Text.Json.Nodes;

namespace Governance.Testing.Iam;

/// <summary>
/// What a deployed stack's intrinsics would evaluate to: pseudo parameters, parameter values (templates'
/// defaults fill the rest), the <c>Ref</c> value of each resource and the <c>Fn::GetAtt</c> values used.
/// </summary>
/// <param name="AccountId">AWS::AccountId.</param>
/// <param name="Region">AWS::Region.</param>
public sealed record StackBindings(string AccountId, string Region)
{
    public string Partition { get; init; } = "aws";

    public string StackName { get; init; } = "governance";

    /// <summary>Parameter values: a string, or a list for CommaDelimitedList parameters.</summary>
    public IReadOnlyDictionary<string, JsonNode> Parameters { get; init; } = new Dictionary<string, JsonNode>();

    /// <summary>Logical id → what <c>Ref</c> returns (a table's name, a topic's ARN, a bucket's name).</summary>
    public IReadOnlyDictionary<string, string> References { get; init; } = new Dictionary<string, string>();

    /// <summary>"LogicalId.Attribute" → what <c>Fn::GetAtt</c> returns.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}
