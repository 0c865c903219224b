namespace Governance.Aws.Http;

/// <summary>
/// The process's one HttpClient for AWS calls: connections are pooled and reused across invocations, and
/// recycled after a bounded lifetime so DNS changes are picked up.
/// </summary>
public static class SharedHttpClient
{
    private static readonly Lazy<HttpClient> Client = new(Create);

    public static HttpClient Instance => Client.Value;

    private static HttpClient Create() =>
        new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(55),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            // Attempts are bounded by AwsRetryOptions.AttemptTimeout and the caller's token instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
