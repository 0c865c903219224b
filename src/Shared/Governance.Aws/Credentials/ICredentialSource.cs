using Governance.Aws.Signing;

namespace Governance.Aws.Credentials;

/// <summary>Supplies current credentials for signing; implementations cache and refresh as needed.</summary>
public interface ICredentialSource
{
    ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Fixed credentials (tests, local emulators).</summary>
public sealed class StaticCredentialSource(SigningCredentials credentials) : ICredentialSource
{
    public ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
