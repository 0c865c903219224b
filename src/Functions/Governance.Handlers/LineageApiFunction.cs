using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Governance.Aws.Ledger;
using Governance.Core.Lineage;
using Governance.Hosting;
using Governance.Hosting.Logging;
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
    public const string TableVariable = "GOVERNANCE_TABLE";
    public const string CentralAccountVariable = "GOVERNANCE_CENTRAL_ACCOUNT";
    public const string RegionVariable = "AWS_REGION";
    public const string PageTokenKeyVariable = "GOVERNANCE_PAGE_TOKEN_KEY";
    public const string ScopingFileVariable = "GOVERNANCE_SCOPING_FILE";
    public const string DefaultScopingFile = "config/scoping.json";

    private readonly LineageApi _api;
    private readonly ILogger _logger;

    public LineageApiFunction(LineageApi api, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        _logger = logger;
    }

    /// <summary>
    /// Builds the function from configuration: table, central account, region, the page-token secret
    /// (base64, at least 32 bytes, the same for every instance) and the scoping file (relative paths are
    /// resolved against the application's folder).
    /// </summary>
    /// <param name="dynamo">Builds the DynamoDB client, once the function's own settings have been checked.</param>
    /// <exception cref="InvalidOperationException">A setting is missing or malformed; the message says which.</exception>
    public static LineageApiFunction FromEnvironment(Func<string, string?> variable, Func<IAmazonDynamoDB> dynamo, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var table = Required(variable, TableVariable, "the ledger table's name");
        var central = Required(variable, CentralAccountVariable, "the 12-digit id of the governance (central) account");
        var region = Required(variable, RegionVariable, "the region of the central model registry");
        var secret = Secret(Required(variable, PageTokenKeyVariable, "a base64 secret of at least 32 bytes that seals page tokens"));
        var scopingPath = variable(ScopingFileVariable) is { Length: > 0 } configured ? configured : DefaultScopingFile;
        var scoping = Scoping(Path.IsPathRooted(scopingPath) ? scopingPath : Path.Combine(AppContext.BaseDirectory, scopingPath));
        LineageLocation location;
        try
        {
            location = new LineageLocation(central, region);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"{CentralAccountVariable} / {RegionVariable}: {exception.Message}", exception);
        }

        ArgumentNullException.ThrowIfNull(dynamo);
        var reader = new DynamoDbLedgerReader(dynamo(), table, new PageTokenCodec(ScopedPageTokens.DeriveKey(secret, "ledger-page-token")));
        var lineageApi = new LineageApi(new LineageService(reader, location, reader), scoping, new ScopedPageTokens(ScopedPageTokens.DeriveKey(secret, "lineage-api-scope")));
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

    private static string Required(Func<string, string?> variable, string name, string meaning) =>
        variable(name)?.Trim() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: it must hold {meaning}");

    private static byte[] Secret(string base64)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            return bytes.Length >= ScopedPageTokens.MinimumKeyBytes
                ? bytes
                : throw new InvalidOperationException($"{PageTokenKeyVariable} holds {bytes.Length} bytes: it needs at least {ScopedPageTokens.MinimumKeyBytes}");
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"{PageTokenKeyVariable} is not base64", exception);
        }
    }

    private static ScopingPolicy Scoping(string path)
    {
        try
        {
            return ScopingPolicy.Parse(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidOperationException($"the scoping configuration {path} ({ScopingFileVariable}) cannot be used: {exception.Message}", exception);
        }
    }
}
