using System.Text.Json.Nodes;

namespace Governance.Functions.Tests.Iam;

/// <summary>
/// Policies AWS attaches without a template saying so, in their documented shapes: the default key policy
/// (the account may delegate the key through IAM), the AWS managed <c>aws/sns</c> key's policy, and the default
/// topic policy SNS gives a topic that has none.
/// </summary>
public static class ImplicitPolicies
{
    /// <summary>"Enable IAM User Permissions": the account root, so identity policies of the account can grant the key.</summary>
    public static JsonObject DefaultKeyPolicyStatement(string account) => Json("""
        {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::@account@:root"},"Action":"kms:*","Resource":"*"}
        """.Replace("@account@", account, StringComparison.Ordinal));

    /// <summary>The key policy of the AWS managed key <c>alias/aws/sns</c> (it cannot be changed).</summary>
    public static JsonObject AwsManagedSnsKeyPolicy(string account, string region) => Json("""
        {"Version":"2012-10-17","Id":"auto-sns","Statement":[
          {"Sid":"Allow access through SNS for all principals in the account that are authorized to use SNS","Effect":"Allow",
           "Principal":{"AWS":"*"},"Action":["kms:Decrypt","kms:GenerateDataKey*","kms:CreateGrant","kms:ListGrants","kms:DescribeKey"],"Resource":"*",
           "Condition":{"StringEquals":{"kms:ViaService":"sns.@region@.amazonaws.com","kms:CallerAccount":"@account@"}}},
          {"Sid":"Allow direct access to key metadata to the account","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::@account@:root"},
           "Action":["kms:Describe*","kms:Get*","kms:List*","kms:RevokeGrant"],"Resource":"*"}]}
        """.Replace("@region@", region, StringComparison.Ordinal).Replace("@account@", account, StringComparison.Ordinal));

    /// <summary>The access policy SNS gives a topic created without one.</summary>
    public static JsonObject DefaultTopicPolicy(string topicArn, string account) => Json("""
        {"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[
          {"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},
           "Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],
           "Resource":"@topicArn@","Condition":{"StringEquals":{"AWS:SourceOwner":"@account@"}}}]}
        """.Replace("@topicArn@", topicArn, StringComparison.Ordinal).Replace("@account@", account, StringComparison.Ordinal));

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
