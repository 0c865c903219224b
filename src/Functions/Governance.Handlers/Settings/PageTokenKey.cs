using Governance.Aws.Http;
using Governance.Aws.SecretsManager;
using Governance.Core.Lineage;
using Governance.Core.Routing;

namespace Governance.Handlers.Settings;

/// <summary>
/// The lineage API's page-token key, read from Secrets Manager once at INIT (the function's role may read that one
/// secret only): the secret string is the base64 of at least <see cref="ScopedPageTokens.MinimumKeyBytes"/> bytes.
/// </summary>
public static class PageTokenKey
{
    /// <summary>How long INIT waits for Secrets Manager before it gives up and says so.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="SettingsException">The secret cannot be read, or does not hold a usable key; the message says which and what to do.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(SecretsManagerClient secrets, string secretId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        string text;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReadTimeout);
            text = await secrets.GetSecretStringAsync(secretId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AwsServiceException or InvalidDataException or HttpRequestException or OperationCanceledException or ArgumentException)
        {
            throw Problem($"{SettingNames.PageTokenSecretArn}: secret {secretId} cannot be read ({exception.Message}): "
                + "it must exist and the function's role must be allowed secretsmanager:GetSecretValue on it");
        }

        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length >= ScopedPageTokens.MinimumKeyBytes
                ? key
                : throw Problem($"{SettingNames.PageTokenSecretArn}: secret {secretId} holds {key.Length} bytes: the page-token key needs at least {ScopedPageTokens.MinimumKeyBytes}");
        }
        catch (FormatException)
        {
            throw Problem($"{SettingNames.PageTokenSecretArn}: secret {secretId} is not base64: store the base64 of at least {ScopedPageTokens.MinimumKeyBytes} random bytes");
        }
    }

    private static SettingsException Problem(string problem) => new(HandlerNames.LineageApi, [problem]);
}
