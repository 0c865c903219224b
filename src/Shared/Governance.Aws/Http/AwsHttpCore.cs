using System.Net.Http.Headers;
using Governance.Aws.Credentials;
using Governance.Aws.Signing;

namespace Governance.Aws.Http;

/// <summary>
/// Sends signed requests with retries: jittered exponential backoff on throttling, 5xx, attempt timeouts and
/// connection failures (only throttling for requests marked <see cref="AwsRequest.RetryWhenMaybeApplied"/> false);
/// no retry on validation or access errors; everything bounded by the caller's token.
/// </summary>
public sealed class AwsHttpCore
{
    private readonly HttpClient _http;
    private readonly ICredentialSource _credentials;
    private readonly TimeProvider _time;
    private readonly AwsRetryOptions _options;
    private readonly Func<TimeSpan, TimeSpan> _jitter;
    private readonly Action<AwsRetryNotice>? _onRetry;
    private readonly Func<string?> _traceHeader;

    /// <param name="http">Usually <see cref="SharedHttpClient.Instance"/>.</param>
    /// <param name="credentials">Signing credentials.</param>
    /// <param name="time">Clock for signatures and backoff.</param>
    /// <param name="options">Retry bounds; <see cref="AwsRetryOptions.Default"/> when null.</param>
    /// <param name="jitter">Maps a backoff ceiling to the actual wait; full jitter (uniform in [0, ceiling]) when null.</param>
    /// <param name="onRetry">Told about each retry.</param>
    /// <param name="traceHeader">The X-Amzn-Trace-Id of the current invocation; <see cref="TraceHeader.FromLambdaEnvironment"/> when null.</param>
    public AwsHttpCore(
        HttpClient http,
        ICredentialSource credentials,
        TimeProvider time,
        AwsRetryOptions? options = null,
        Func<TimeSpan, TimeSpan>? jitter = null,
        Action<AwsRetryNotice>? onRetry = null,
        Func<string?>? traceHeader = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? AwsRetryOptions.Default;
        _jitter = jitter ?? FullJitter;
        _onRetry = onRetry;
        _traceHeader = traceHeader ?? TraceHeader.FromLambdaEnvironment;
    }

    public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string reason;
            bool throttled;
            try
            {
                var outcome = await AttemptAsync(request, attempt, cancellationToken);
                if (outcome.Response is { } response)
                {
                    return response;
                }

                var error = outcome.Error!;
                var kind = AwsErrorCodes.Classify(error.ErrorCode, error.StatusCode);
                if (!AwsErrorCodes.IsRetryable(kind) || attempt >= _options.MaxAttempts
                    || (kind != AwsErrorKind.Throttling && !request.RetryWhenMaybeApplied))
                {
                    throw error;
                }

                throttled = kind == AwsErrorKind.Throttling;
                reason = error.ErrorCode;
            }
            catch (Exception e) when (IsTransportFailure(e, cancellationToken))
            {
                if (attempt >= _options.MaxAttempts || !request.RetryWhenMaybeApplied)
                {
                    throw new AwsTransportException(request.Service.ServiceId, request.Operation, attempt, e);
                }

                throttled = false;
                reason = e is OperationCanceledException ? "AttemptTimeout" : e.GetType().Name;
            }

            var delay = _jitter(_options.Ceiling(attempt, throttled));
            _onRetry?.Invoke(new AwsRetryNotice(request.Service.ServiceId, request.Operation, attempt, delay, reason));
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private static bool IsTransportFailure(Exception e, CancellationToken callerToken) =>
        e is HttpRequestException or IOException
        || (e is OperationCanceledException && !callerToken.IsCancellationRequested);

    private async Task<(AwsResponse? Response, AwsServiceException? Error)> AttemptAsync(
        AwsRequest request, int attempt, CancellationToken cancellationToken)
    {
        using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptToken.CancelAfter(_options.AttemptTimeout);

        using var message = await BuildAsync(request, cancellationToken);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptToken.Token);
        var body = await response.Content.ReadAsByteArrayAsync(attemptToken.Token);
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return (new AwsResponse(status, body, RequestId(response.Headers), attempt, FunctionError(response.Headers)), null);
        }

        var (code, text, requestId) = AwsErrorReader.Read(request.Service.Protocol, status, response.Headers, body);
        return (null, AwsServiceException.For(new AwsErrorDetails(request.Service.ServiceId, request.Operation, status, code, text, requestId)));
    }

    private async Task<HttpRequestMessage> BuildAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var uri = new Uri(request.Endpoint, request.Path);
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

        var headers = new List<KeyValuePair<string, string>> { new("Host", host), new("Content-Type", request.ContentType) };
        if (request.Target is not null)
        {
            headers.Add(new("X-Amz-Target", request.Target));
        }

        var signed = SigV4Signer.WithAuthHeaders(headers, credentials, now);
        var signable = new SignableRequest("POST", uri.AbsolutePath, uri.Query.TrimStart('?'), signed, SigV4Signer.HashHex(request.Body.Span));
        var signature = SigV4Signer.Sign(signable, credentials, new SigningScope(request.Region, request.Service.SigningName), now);

        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ReadOnlyMemoryContent(request.Body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        foreach (var (name, value) in signed)
        {
            if (name is not ("Host" or "Content-Type"))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        if (_traceHeader() is { } trace)
        {
            message.Headers.TryAddWithoutValidation(TraceHeader.Name, trace);
        }

        return message;
    }

    private static string? RequestId(HttpResponseHeaders headers) =>
        headers.TryGetValues("x-amzn-RequestId", out var values) ? values.FirstOrDefault() : null;

    private static string? FunctionError(HttpResponseHeaders headers) =>
        headers.TryGetValues("X-Amz-Function-Error", out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan FullJitter(TimeSpan ceiling) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling.TotalMilliseconds);
}
