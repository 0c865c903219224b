using System.Text.Json;
using Amazon.DynamoDBv2;
using Governance.Aws.Ledger;
using Governance.Core.Lineage;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Handlers;

/// <summary>
/// The HTTP API (payload format 2.0) entry point of the lineage queries: turns the API Gateway event into an
/// <see cref="ApiRequest"/> (path, query string, the IAM authorizer's caller) and the answer into
/// <c>{statusCode, headers, body}</c>. A payload that is not an HTTP API event is answered 400, never thrown:
/// API Gateway would turn an invocation error into an opaque 500.
/// </summary>
public sealed class LineageApiFunction : IFunctionHandler
{
    private readonly LineageApi _api;
    private readonly ILogger _logger;

    public LineageApiFunction(LineageApi api, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        _logger = logger;
    }

    /// <summary>
    /// The function over the ledger table in <paramref name="dynamo"/>, as <paramref name="options"/> configure it, its
    /// page tokens sealed with keys derived from <paramref name="pageTokenKey"/> (<see cref="PageTokenKey"/>).
    /// </summary>
    public static LineageApiFunction Create(LineageApiOptions options, ReadOnlyMemory<byte> pageTokenKey, IAmazonDynamoDB dynamo, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = new DynamoDbLedgerReader(dynamo, options.Table, new PageTokenCodec(ScopedPageTokens.DeriveKey(pageTokenKey.Span, "ledger-page-token")));
        var lineageApi = new LineageApi(
            new LineageService(reader, options.Location, reader), options.Scoping, new ScopedPageTokens(ScopedPageTokens.DeriveKey(pageTokenKey.Span, "lineage-api-scope")));
        return new LineageApiFunction(lineageApi, logger);
    }

    public async Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ApiResponse response;
        var request = HttpApiEvent.TryRead(payload.Span, out var problem);
        if (request is null)
        {
            _logger.LogWarning("Lineage API payload refused: {Problem}", problem);
            response = new ApiResponse(400, Error("bad-request", problem));
        }
        else
        {
            response = await _api.HandleAsync(request, cancellationToken);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation(
                    "Lineage API {Method} {Path} by {Caller} answered {StatusCode}",
                    request.Method, request.Path, request.Caller?.UserArn, response.StatusCode);
            }
        }

        return HttpApiEvent.Write(response);
    }

    private static string Error(string error, string message) =>
        JsonSerializer.Serialize(new ErrorBody(error, message, null), LineageJsonContext.Default.ErrorBody);
}
