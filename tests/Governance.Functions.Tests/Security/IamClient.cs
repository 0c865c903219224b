using System.Text.Json.Nodes;
using Governance.Aws;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Protocols;
using Governance.Aws.Signing;

namespace Governance.Functions.Tests.Security;

/// <summary>The few IAM calls (query protocol) the security bed needs to create principals in moto.</summary>
internal sealed class IamClient(AwsContext aws, SigningCredentials credentials)
{
    public static readonly AwsService Service = new("IAM", "iam", "iam", AwsProtocol.Query, null, "2010-05-08");

    private readonly AwsQueryChannel _channel = aws.QueryChannel(Service, new StaticCredentialSource(credentials));

    public async Task CreateUserAsync(string name, CancellationToken cancellationToken) =>
        await _channel.CallAsync("CreateUser", [new("UserName", name)], cancellationToken);

    public async Task PutUserPolicyAsync(string user, string policyName, JsonObject document, CancellationToken cancellationToken) =>
        await _channel.CallAsync("PutUserPolicy", [new("UserName", user), new("PolicyName", policyName), new("PolicyDocument", document.ToJsonString())], cancellationToken);

    public async Task<SigningCredentials> CreateAccessKeyAsync(string user, CancellationToken cancellationToken)
    {
        var result = await _channel.CallAsync("CreateAccessKey", [new("UserName", user)], cancellationToken);
        var key = result.Elements().Single(element => element.Name.LocalName == "AccessKey");
        return new SigningCredentials(AwsQueryChannel.Child(key, "AccessKeyId")!, AwsQueryChannel.Child(key, "SecretAccessKey")!);
    }

    /// <returns>The role's ARN.</returns>
    public async Task<string> CreateRoleAsync(string name, JsonObject trustPolicy, CancellationToken cancellationToken)
    {
        var result = await _channel.CallAsync("CreateRole", [new("RoleName", name), new("AssumeRolePolicyDocument", trustPolicy.ToJsonString())], cancellationToken);
        var role = result.Elements().Single(element => element.Name.LocalName == "Role");
        return AwsQueryChannel.Child(role, "Arn")!;
    }

    public async Task PutRolePolicyAsync(string role, string policyName, JsonObject document, CancellationToken cancellationToken) =>
        await _channel.CallAsync("PutRolePolicy", [new("RoleName", role), new("PolicyName", policyName), new("PolicyDocument", document.ToJsonString())], cancellationToken);

    /// <summary>A policy granting everything: for the test's own administrators, never a function.</summary>
    public static JsonObject Everything() => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = "*", ["Resource"] = "*" }),
    };

    public static JsonObject TrustedBy(string principalArn) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = principalArn },
            ["Action"] = "sts:AssumeRole",
        }),
    };
}
