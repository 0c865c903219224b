using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;

namespace Governance.Aws.Protocols;

/// <summary>The AWS json 1.1 protocol: POST / with X-Amz-Target "{targetPrefix}.{operation}".</summary>
public sealed class AwsJsonChannel
{
    public const string ContentType = "application/x-amz-json-1.1";

    private readonly AwsHttpCore _core;
    private readonly AwsService _service;
    private readonly Uri _endpoint;
    private readonly string _region;

    public AwsJsonChannel(AwsHttpCore core, AwsService service, Uri endpoint, string region)
    {
        _core = core ?? throw new ArgumentNullException(nameof(core));
        _service = service ?? throw new ArgumentNullException(nameof(service));
        if (service.Protocol != AwsProtocol.Json11 || service.TargetPrefix is null)
        {
            throw new ArgumentException($"{service.ServiceId} does not speak the json 1.1 protocol", nameof(service));
        }

        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _region = region ?? throw new ArgumentNullException(nameof(region));
    }

    /// <summary>Sends <paramref name="input"/> and returns the response document (an empty object when the body is empty).</summary>
    public Task<JsonElement> CallAsync(string operation, JsonObject input, CancellationToken cancellationToken) =>
        CallAsync(operation, input, retryWhenMaybeApplied: true, cancellationToken);

    /// <param name="retryWhenMaybeApplied">False when a failure that may have applied the call must reach the caller (see <see cref="AwsRequest.RetryWhenMaybeApplied"/>).</param>
    public async Task<JsonElement> CallAsync(string operation, JsonObject input, bool retryWhenMaybeApplied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var body = Encoding.UTF8.GetBytes(input.ToJsonString());
        var request = new AwsRequest(_service, operation, _endpoint, _region, ContentType, body, $"{_service.TargetPrefix}.{operation}")
        {
            RetryWhenMaybeApplied = retryWhenMaybeApplied,
        };
        var response = await _core.SendAsync(request, cancellationToken);
        using var document = JsonDocument.Parse(response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body);
        return document.RootElement.Clone();
    }
}
