using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Runtime;

/// <summary>What became of a post to the Runtime API.</summary>
internal enum PostOutcome
{
    Accepted,
    PayloadTooLarge,
    Rejected,
}

internal readonly record struct PostResult(PostOutcome Outcome, int StatusCode);

/// <summary>
/// HTTP client of the Lambda Runtime API (2018-06-01) on AWS_LAMBDA_RUNTIME_API: one connection pool for
/// the process, no proxy, no timeout on the long-polling <c>next</c>. Network failures and 5xx answers are
/// retried with <see cref="RetryPolicy"/>; when the retries run out a <see cref="RuntimeApiException"/>
/// is thrown.
/// </summary>
internal sealed class RuntimeApiClient : IDisposable
{
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    private const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    private const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    private const string ClientContextHeader = "Lambda-Runtime-Client-Context";
    private const string CognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly TimeSpan _postTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RuntimeApiClient(string runtimeApi, RetryPolicy retry, TimeSpan postTimeout, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _retry = retry;
        _postTimeout = postTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Task<RuntimeInvocation> NextAsync(CancellationToken cancellationToken) =>
        SendAsync(
            "next",
            static () => new HttpRequestMessage(HttpMethod.Get, "invocation/next"),
            attemptTimeout: null,
            ReadInvocationAsync,
            cancellationToken);

    public Task<PostResult> PostResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken) =>
        SendAsync(
            "response",
            () => new HttpRequestMessage(HttpMethod.Post, $"invocation/{Uri.EscapeDataString(requestId)}/response")
            {
                Content = new ReadOnlyMemoryContent(response),
            },
            _postTimeout,
            ReadPostResultAsync,
            cancellationToken);

    public Task<PostResult> PostErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("error", $"invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task<PostResult> PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("init error", "init/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private Task<PostResult> PostErrorDocumentAsync(string operation, string path, RuntimeError error, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error.Payload, RuntimeJsonContext.Default.RuntimeErrorPayload);
        return SendAsync(
            operation,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = JsonMediaType;
                request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.Category);
                return request;
            },
            _postTimeout,
            ReadPostResultAsync,
            cancellationToken);
    }

    private static async Task<RuntimeInvocation> ReadInvocationAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException(string.Create(
                CultureInfo.InvariantCulture,
                $"The Runtime API answered next with {(int)response.StatusCode}."));
        }

        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RuntimeInvocation(
            Header(response, RequestIdHeader),
            Header(response, DeadlineHeader),
            Header(response, FunctionArnHeader),
            Header(response, TraceIdHeader),
            Header(response, ClientContextHeader),
            Header(response, CognitoIdentityHeader),
            payload);
    }

    private static Task<PostResult> ReadPostResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var outcome = response.StatusCode switch
        {
            HttpStatusCode.Accepted or HttpStatusCode.OK => PostOutcome.Accepted,
            HttpStatusCode.RequestEntityTooLarge => PostOutcome.PayloadTooLarge,
            _ => PostOutcome.Rejected,
        };
        return Task.FromResult(new PostResult(outcome, status));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private async Task<T> SendAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        TimeSpan? attemptTimeout,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (attemptTimeout is { } timeout)
            {
                attemptCancellation.CancelAfter(timeout);
            }

            try
            {
                using var request = createRequest();
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token);
                if ((int)response.StatusCode < 500)
                {
                    return await read(response, attemptCancellation.Token);
                }

                failure = new RuntimeApiException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The Runtime API answered {operation} with {(int)response.StatusCode}."));
            }
            catch (HttpRequestException e)
            {
                failure = e;
            }
            catch (IOException e)
            {
                failure = e;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }

            if (attempt >= _retry.MaxAttempts)
            {
                throw new RuntimeApiException(
                    string.Create(CultureInfo.InvariantCulture, $"Runtime API {operation} failed {attempt} times."),
                    failure);
            }

            var delay = _retry.DelayBefore(attempt);
            _logger.LogWarning(
                failure,
                "Runtime API {Operation} failed on attempt {Attempt} of {MaxAttempts}; retrying in {RetryDelayMs} ms",
                operation,
                attempt,
                _retry.MaxAttempts,
                Math.Round(delay.TotalMilliseconds));
            await Task.Delay(delay, _timeProvider, cancellationToken);
        }
    }
}
