using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Governance.Aws.Signing;

namespace Governance.Aws.Credentials;

/// <summary>
/// Credentials from AWSSDK.Core: by default its chain (environment, profile, container, instance metadata,
/// web identity / assumed role), which caches and refreshes on its own.
/// </summary>
public sealed class SdkCredentialSource(AWSCredentials credentials) : ICredentialSource
{
    /// <summary>The SDK's default credential chain.</summary>
    public static SdkCredentialSource Default() => new(DefaultAWSCredentialsIdentityResolver.GetCredentials());

    public AWSCredentials SdkCredentials { get; } = credentials;

    public async ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var current = await SdkCredentials.GetCredentialsAsync();
        return new SigningCredentials(current.AccessKey, current.SecretKey, string.IsNullOrEmpty(current.Token) ? null : current.Token);
    }
}
