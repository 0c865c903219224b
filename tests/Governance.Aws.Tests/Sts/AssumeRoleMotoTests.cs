using Governance.Aws.Http;
using Governance.Aws.SageMaker;
using Governance.Aws.Sts;
using Governance.Testing;

namespace Governance.Aws.Tests.Sts;

/// <summary>AssumeRole into a second account on moto: the credentials act in that account and not in the default one.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class AssumeRoleMotoTests(MotoServer moto)
{
    private const string TeamAccount = "111111111111";

    [Fact]
    public async Task AssumedCredentials_ShouldActInTheRolesAccount()
    {
        using var cache = new RoleCredentialsCache(MotoContext.Sdk(moto).Sts(MotoContext.SdkCredentials), TimeProvider.System);
        var spec = new AssumeRoleSpec($"arn:aws:iam::{TeamAccount}:role/governance-reader", "governance-sync");

        var role = await cache.GetAsync(spec, CancellationToken.None);
        var team = MotoContext.For(moto).SageMaker(cache.SourceFor(spec));
        var central = MotoContext.For(moto).SageMaker(MotoContext.DefaultAccount);
        var group = MotoServer.UniqueName("team");
        var arn = await team.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(group), CancellationToken.None);

        Assert.StartsWith($"arn:aws:sts::{TeamAccount}:assumed-role/governance-reader/governance-sync", role.AssumedRoleArn, StringComparison.Ordinal);
        Assert.NotNull(role.Credentials.SessionToken);
        Assert.Contains($":{TeamAccount}:model-package-group/{group}", arn, StringComparison.Ordinal);
        Assert.Equal(arn, (await team.DescribeModelPackageGroupAsync(group, CancellationToken.None)).Arn);
        await Assert.ThrowsAnyAsync<AwsServiceException>(() => central.DescribeModelPackageGroupAsync(group, CancellationToken.None));
    }

    [Fact]
    public async Task SdkCredentials_ShouldLetOfficialClientsActInTheRolesAccount()
    {
        using var cache = new RoleCredentialsCache(MotoContext.Sdk(moto).Sts(MotoContext.SdkCredentials), TimeProvider.System);
        var spec = new AssumeRoleSpec($"arn:aws:iam::{TeamAccount}:role/governance-reader", "sdk-check");

        using var sts = MotoContext.Sdk(moto).Sts(await cache.SdkCredentialsAsync(spec, CancellationToken.None));
        var identity = await sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest(), CancellationToken.None);

        Assert.Equal(TeamAccount, identity.Account);
    }

    [Theory]
    [InlineData("arn:aws:iam::1111:role/x", "session")]
    [InlineData("arn:aws:s3:::bucket", "session")]
    [InlineData("arn:aws:iam::111111111111:role/x", "a")]
    [InlineData("arn:aws:iam::111111111111:role/x", "has space")]
    public async Task GetAsync_WhenSpecMalformed_ShouldRejectBeforeCallingSts(string roleArn, string session)
    {
        using var cache = new RoleCredentialsCache(MotoContext.Sdk(moto).Sts(MotoContext.SdkCredentials), TimeProvider.System);

        await Assert.ThrowsAsync<AwsRequestValidationException>(() => cache.GetAsync(new AssumeRoleSpec(roleArn, session), CancellationToken.None).AsTask());
    }
}
