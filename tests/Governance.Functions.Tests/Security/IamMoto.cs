using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Signing;
using Governance.Functions.Tests.Template;
using Governance.Testing;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// A moto_server of its own that enforces IAM (signatures and identity policies) for every request. It starts
/// with <c>INITIAL_NO_AUTH_ACTION_COUNT=0</c>; the fixture opens a window (moto's reset-auth endpoint) only to
/// create the test's administrators — an IAM user in the central account and a role in the team account, both
/// allowed everything — then closes it and checks that a wrongly signed request is refused. Everything else is
/// done with credentials moto checks.
/// </summary>
public sealed class IamMoto : IAsyncLifetime
{
    public const string AdminUser = "governance-test-admin";
    public const string TeamAdminRole = "governance-test-team-admin";

    private readonly MotoServer _server = MotoServer.WithEnvironment(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0" });
    private JsonObject? _central;
    private JsonObject? _team;

    public Uri Endpoint => _server.Endpoint;

    public AwsContext Aws { get; private set; } = null!;

    public AwsSdkClients Sdk { get; private set; } = null!;

    /// <summary>The central account's administrator (an IAM user with access keys).</summary>
    public SigningCredentials Admin { get; private set; } = null!;

    public static string AdminArn => $"arn:aws:iam::{MotoServer.DefaultAccountId}:user/{AdminUser}";

    public static string TeamAdminArn(string account) => $"arn:aws:iam::{account}:role/{TeamAdminRole}";

    /// <summary>template.yaml after the SAM transform.</summary>
    public JsonObject CentralTemplate => _central ?? throw new InvalidOperationException("not initialised");

    /// <summary>templates/team-account.yaml as CloudFormation reads it.</summary>
    public JsonObject TeamTemplate => _team ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        var templates = Task.WhenAll(DeployedTemplate.CentralAsync(), DeployedTemplate.LoadAsync(Path.Combine("templates", "team-account.yaml")));
        await _server.InitializeAsync();
        var endpoints = new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? _server.Endpoint.ToString() : null);
        Aws = new AwsContext(MotoServer.Region, endpoints, SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default);
        Sdk = new AwsSdkClients(MotoServer.Region, endpoints);

        await SetFreeRequestsAsync("inf");
        var bootstrap = new SigningCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey);
        var iam = new IamClient(Aws, bootstrap);
        await iam.CreateUserAsync(AdminUser, CancellationToken.None);
        await iam.PutUserPolicyAsync(AdminUser, "everything", IamClient.Everything(), CancellationToken.None);
        Admin = await iam.CreateAccessKeyAsync(AdminUser, CancellationToken.None);
        var teamBootstrap = await AssumeAsync(bootstrap, TeamAdminArn(Support.FlowBed.TeamAccount), "bootstrap");
        var teamIam = new IamClient(Aws, teamBootstrap);
        await teamIam.CreateRoleAsync(TeamAdminRole, IamClient.TrustedBy(AdminArn), CancellationToken.None);
        await teamIam.PutRolePolicyAsync(TeamAdminRole, "everything", IamClient.Everything(), CancellationToken.None);
        await SetFreeRequestsAsync("0");

        await RequireEnforcementAsync();
        var loaded = await templates;
        (_central, _team) = (loaded[0], loaded[1]);
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    /// <summary>Temporary credentials of <paramref name="roleArn"/>, assumed with <paramref name="caller"/>.</summary>
    public async Task<SigningCredentials> AssumeAsync(SigningCredentials caller, string roleArn, string session)
    {
        ArgumentNullException.ThrowIfNull(caller);
        using var sts = Sdk.Sts(SdkCredentials(caller));
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = session });
        var issued = response.Credentials;
        return new SigningCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken);
    }

    public static AWSCredentials SdkCredentials(SigningCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.SessionToken is null
            ? new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey)
            : new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
    }

    /// <summary>How many requests moto serves before it enforces IAM again (counted from now).</summary>
    private async Task SetFreeRequestsAsync(string count)
    {
        using var content = new StringContent(count);
        using var response = await SharedHttpClient.Instance.PostAsync(new Uri(_server.Endpoint, "/moto-api/reset-auth"), content);
        response.EnsureSuccessStatusCode();
    }

    private async Task RequireEnforcementAsync()
    {
        var forged = new IamClient(Aws, Admin with { SecretAccessKey = "not-the-secret-" + Admin.SecretAccessKey[15..] });
        try
        {
            await forged.CreateUserAsync(MotoServer.UniqueName("forged"), CancellationToken.None);
        }
        catch (AwsServiceException)
        {
            return;
        }

        throw new InvalidOperationException("moto_server accepted a request signed with the wrong secret: IAM enforcement is off");
    }
}

/// <summary>The collection that shares one IAM-enforcing moto_server.</summary>
[CollectionDefinition(Name)]
public sealed class IamMotoGroup : ICollectionFixture<IamMoto>
{
    public const string Name = "iam-moto";
}
