using System.Globalization;
using Governance.Aws.Endpoints;
using Governance.Aws.Sts;
using Governance.Aws.Tests.Http;

namespace Governance.Aws.Tests.Sts;

/// <summary>Role credentials are cached per role and renewed before they expire (STS played by a loopback server).</summary>
public sealed class RoleCredentialsCacheTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static string AssumeRoleResponse(DateTimeOffset expiration, int n) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIAKEY{n}</AccessKeyId>
              <SecretAccessKey>secret{n}</SecretAccessKey>
              <SessionToken>token{n}</SessionToken>
              <Expiration>{expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId>
              <Arn>arn:aws:sts::111111111111:assumed-role/reader/s</Arn>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>r{n}</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private static (RoleCredentialsCache Cache, ManualTimeProvider Clock) CacheAgainst(LoopbackServer server)
    {
        var clock = new ManualTimeProvider(Start);
        var sdk = new AwsSdkClients("us-east-1", new EndpointResolver(n => n == "AWS_ENDPOINT_URL_STS" ? server.Endpoint.ToString() : null));
        return (new RoleCredentialsCache(sdk.Sts(new Amazon.Runtime.BasicAWSCredentials("AKID", "secret")), clock), clock);
    }

    [Fact]
    public async Task GetAsync_ShouldCacheUntilRefreshMarginThenRenew()
    {
        await using var server = new LoopbackServer();
        var calls = 0;
        server.Fallback = _ => ServerAction.Respond(200, AssumeRoleResponse(Start.AddHours(1).AddHours(calls), ++calls), ("Content-Type", "text/xml"));
        var (cache, clock) = CacheAgainst(server);
        using var _ = cache;
        var spec = new AssumeRoleSpec("arn:aws:iam::111111111111:role/reader", "sync");

        var first = await cache.GetAsync(spec, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(54));
        var stillCached = await cache.GetAsync(spec, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var renewed = await cache.GetAsync(spec, CancellationToken.None);

        Assert.Equal("ASIAKEY1", first.Credentials.AccessKeyId);
        Assert.Equal("token1", first.Credentials.SessionToken);
        Assert.Equal(Start.AddHours(1), first.Expiration);
        Assert.Same(first, stillCached);
        Assert.Equal("ASIAKEY2", renewed.Credentials.AccessKeyId);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task GetAsync_ShouldKeepSeparateCredentialsPerRoleAndShareConcurrentCalls()
    {
        await using var server = new LoopbackServer();
        var calls = 0;
        server.Fallback = _ => ServerAction.Respond(200, AssumeRoleResponse(Start.AddHours(1), Interlocked.Increment(ref calls)), ("Content-Type", "text/xml"));
        var (cache, _) = CacheAgainst(server);
        using var disposable = cache;
        var reader = new AssumeRoleSpec("arn:aws:iam::111111111111:role/reader", "sync");
        var other = new AssumeRoleSpec("arn:aws:iam::222222222222:role/reader", "sync");

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetAsync(reader, CancellationToken.None).AsTask()));
        var second = await cache.GetAsync(other, CancellationToken.None);

        Assert.Single(concurrent.Select(c => c.Credentials.AccessKeyId).Distinct());
        Assert.NotEqual(concurrent[0].Credentials.AccessKeyId, second.Credentials.AccessKeyId);
        Assert.Equal(2, server.Received.Count);
        Assert.Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Freader", server.Received[1].Body, StringComparison.Ordinal);
    }
}
