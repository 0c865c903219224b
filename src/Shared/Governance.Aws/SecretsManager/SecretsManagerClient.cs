using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.Protocols;

namespace Governance.Aws.SecretsManager;

/// <summary>
/// The Secrets Manager calls the service makes (GetSecretValue at the lineage API's INIT; CreateSecret when the local
/// emulator is provisioned) over the json 1.1 protocol on the project's signed core (AWSSDK.SecretsManager is not
/// available here; this class is the seam the official client would replace).
/// </summary>
public sealed class SecretsManagerClient(AwsJsonChannel channel)
{
    /// <summary>The longest secret id the service model allows (an ARN or a name).</summary>
    public const int MaxSecretIdLength = 2048;

    private readonly AwsJsonChannel _channel = channel ?? throw new ArgumentNullException(nameof(channel));

    /// <summary>The current version's <c>SecretString</c>.</summary>
    /// <exception cref="InvalidDataException">The secret holds binary data only.</exception>
    /// <exception cref="Http.AwsServiceException">Secrets Manager refused (not found, access denied, …).</exception>
    public async Task<string> GetSecretStringAsync(string secretId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        if (secretId.Length > MaxSecretIdLength)
        {
            throw new ArgumentException($"a secret id is at most {MaxSecretIdLength} characters", nameof(secretId));
        }

        var output = await GetSecretValueAsync(secretId, cancellationToken).ConfigureAwait(false);
        return output.TryGetProperty("SecretString", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new InvalidDataException($"secret {secretId} holds no SecretString (binary secrets are not read)");
    }

    /// <summary>Creates a secret holding <paramref name="secretString"/>, or finds the one of that name; returns its ARN.</summary>
    public async Task<string> CreateSecretAsync(string name, string secretString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(secretString);
        try
        {
            var created = await _channel.CallAsync("CreateSecret", new JsonObject { ["Name"] = name, ["SecretString"] = secretString }, cancellationToken).ConfigureAwait(false);
            return created.RequiredString("ARN");
        }
        catch (Http.AwsServiceException exception) when (exception.ErrorCode == "ResourceExistsException")
        {
            return (await GetSecretValueAsync(name, cancellationToken).ConfigureAwait(false)).RequiredString("ARN");
        }
    }

    private Task<JsonElement> GetSecretValueAsync(string secretId, CancellationToken cancellationToken) =>
        _channel.CallAsync("GetSecretValue", new JsonObject { ["SecretId"] = secretId }, cancellationToken);
}
