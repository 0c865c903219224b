using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Governance.Aws.Credentials;
using Governance.Aws.Http;
using Governance.Aws.Signing;

namespace Governance.Aws.Sts;

/// <summary>
/// AssumeRole through AWSSDK.SecurityToken, cached per role, session name and external id, and renewed once
/// less than <see cref="RefreshMargin"/> of validity remains, so callers never hold credentials about to expire.
/// Concurrent callers for the same role share one STS call.
/// </summary>
public sealed class RoleCredentialsCache(IAmazonSecurityTokenService sts, TimeProvider time) : IDisposable
{
    private readonly IAmazonSecurityTokenService _sts = sts ?? throw new ArgumentNullException(nameof(sts));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly ConcurrentDictionary<(string, string, string?), Entry> _entries = new();

    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    public async ValueTask<AssumedRole> GetAsync(AssumeRoleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var entry = _entries.GetOrAdd((spec.RoleArn, spec.SessionName, spec.ExternalId), static _ => new Entry());
        if (entry.Current is { } cached && IsFresh(cached))
        {
            return cached;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Current is { } refreshed && IsFresh(refreshed))
            {
                return refreshed;
            }

            entry.Current = await AssumeAsync(spec, cancellationToken);
            return entry.Current;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>A credential source for the hand-written clients that acts as <paramref name="spec"/>'s role.</summary>
    public ICredentialSource SourceFor(AssumeRoleSpec spec) => new RoleSource(this, spec);

    /// <summary>
    /// Credentials for an official SDK client acting as the role. They are a snapshot valid for at least
    /// <see cref="RefreshMargin"/>: build such clients per invocation, not per process.
    /// </summary>
    public async ValueTask<AWSCredentials> SdkCredentialsAsync(AssumeRoleSpec spec, CancellationToken cancellationToken)
    {
        var role = await GetAsync(spec, cancellationToken);
        return new SessionAWSCredentials(role.Credentials.AccessKeyId, role.Credentials.SecretAccessKey, role.Credentials.SessionToken);
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Gate.Dispose();
        }
    }

    private bool IsFresh(AssumedRole role) => role.Expiration - _time.GetUtcNow() > RefreshMargin;

    private async Task<AssumedRole> AssumeAsync(AssumeRoleSpec spec, CancellationToken cancellationToken)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = spec.RoleArn,
            RoleSessionName = spec.SessionName,
            DurationSeconds = (int)spec.Duration.TotalSeconds,
        };
        if (spec.ExternalId is not null)
        {
            request.ExternalId = spec.ExternalId;
        }

        if (spec.SessionTags is { Count: > 0 } tags)
        {
            request.Tags = [.. tags.Select(tag => new Tag { Key = tag.Key, Value = tag.Value })];
        }

        try
        {
            var response = await _sts.AssumeRoleAsync(request, cancellationToken);
            var credentials = response.Credentials;
            var expiration = credentials.Expiration is { } expires
                ? new DateTimeOffset(DateTime.SpecifyKind(expires, expires.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : expires.Kind))
                : _time.GetUtcNow() + spec.Duration;
            return new AssumedRole(
                new SigningCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
                expiration.ToUniversalTime(),
                response.AssumedRoleUser?.Arn ?? spec.RoleArn);
        }
        catch (AmazonServiceException e)
        {
            throw AwsServiceException.For(new AwsErrorDetails("STS", "AssumeRole", (int)e.StatusCode, e.ErrorCode ?? "Unknown", e.Message, e.RequestId));
        }
    }

    private static void Validate(AssumeRoleSpec spec)
    {
        if (!AssumeRoleSpec.RoleArnPattern().IsMatch(spec.RoleArn ?? string.Empty))
        {
            throw new AwsRequestValidationException("STS", "AssumeRole", "RoleArn", $"'{spec.RoleArn}' is not an IAM role ARN");
        }

        if (!AssumeRoleSpec.SessionNamePattern().IsMatch(spec.SessionName ?? string.Empty))
        {
            throw new AwsRequestValidationException("STS", "AssumeRole", "RoleSessionName", "must be 2..64 of [\\w+=,.@-]");
        }

        if (spec.Duration < TimeSpan.FromMinutes(15) || spec.Duration > TimeSpan.FromHours(12))
        {
            throw new AwsRequestValidationException("STS", "AssumeRole", "DurationSeconds", "must be between 900 and 43200 seconds");
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public AssumedRole? Current { get; set; }
    }

    private sealed class RoleSource(RoleCredentialsCache cache, AssumeRoleSpec spec) : ICredentialSource
    {
        public async ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken) =>
            (await cache.GetAsync(spec, cancellationToken)).Credentials;
    }
}
