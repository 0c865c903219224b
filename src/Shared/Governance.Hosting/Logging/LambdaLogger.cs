using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Governance.Hosting.Logging;

/// <summary>
/// Structured JSON logger in the Powertools schema: one object per line with level, message, timestamp,
/// service, cold_start, function_name, function_memory_size and, inside an invocation, function_arn,
/// function_request_id, xray_trace_id and correlation_id; then the keys appended for the invocation, the
/// template's properties and exception details. Credentials never reach the output (see
/// <see cref="SecretRedactor"/>).
/// </summary>
public sealed class LambdaLogger
{
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "level", "message", "timestamp", "service", "cold_start", "function_name", "function_memory_size",
        "function_arn", "function_request_id", "xray_trace_id", "correlation_id", "exception", "exception_name",
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Messages are read by people in CloudWatch: keep non-ASCII text and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly LoggerOptions _options;
    private readonly ILineWriter _writer;
    private readonly TimeProvider _timeProvider;

    public LambdaLogger(LoggerOptions options, ILineWriter writer, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _writer = writer;
        _timeProvider = timeProvider;
    }

    public LogLevel MinimumLevel => _options.MinimumLevel;

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= _options.MinimumLevel;

    /// <summary>
    /// Sets the correlation id (the event id) written on every line of the current invocation. Outside an
    /// invocation it applies to lines written outside invocations only.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API: handlers reach the invocation scope through the logger they were given.")]
    public void SetCorrelationId(string? correlationId) => InvocationScope.Current.CorrelationId = correlationId;

    /// <summary>Adds a key to every line of the current invocation (replacing a key of the same name).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API: handlers reach the invocation scope through the logger they were given.")]
    public void AppendKey(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        InvocationScope.Current.AppendKey(key, value);
    }

    public void Debug(string template, params ReadOnlySpan<object?> values) =>
        Log(LogLevel.Debug, null, template, values);

    public void Information(string template, params ReadOnlySpan<object?> values) =>
        Log(LogLevel.Information, null, template, values);

    public void Warning(string template, params ReadOnlySpan<object?> values) =>
        Log(LogLevel.Warning, null, template, values);

    public void Warning(Exception? exception, string template, params ReadOnlySpan<object?> values) =>
        Log(LogLevel.Warning, exception, template, values);

    public void Error(string template, params ReadOnlySpan<object?> values) =>
        Log(LogLevel.Error, null, template, values);

    public void Error(Exception? exception, string template, params ReadOnlySpan<object?> values) =>
        Log(LogLevel.Error, exception, template, values);

    public void Log(LogLevel level, Exception? exception, string template, params ReadOnlySpan<object?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!IsEnabled(level))
        {
            return;
        }

        var parsed = MessageTemplate.Parse(template);
        var scope = InvocationScope.Current;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            WriteStandardFields(json, level, SecretRedactor.Scrub(parsed.Render(values)), scope);
            var written = new HashSet<string>(ReservedKeys, StringComparer.Ordinal);
            foreach (var (key, value) in scope.SnapshotKeys())
            {
                if (written.Add(key))
                {
                    LogValueWriter.WriteProperty(json, key, value);
                }
            }

            for (var i = 0; i < parsed.PropertyNames.Count && i < values.Length; i++)
            {
                var name = parsed.PropertyNames[i];
                if (written.Add(name))
                {
                    LogValueWriter.WriteProperty(json, name, values[i]);
                }
            }

            if (exception is not null)
            {
                json.WriteString("exception_name", exception.GetType().FullName);
                json.WriteString("exception", SecretRedactor.Scrub(exception.ToString()));
            }

            json.WriteEndObject();
        }

        _writer.WriteLine(buffer.WrittenSpan);
    }

    private void WriteStandardFields(Utf8JsonWriter json, LogLevel level, string message, InvocationScope scope)
    {
        var context = scope.Context;
        json.WriteString("level", LogLevelNames.ToFieldValue(level));
        json.WriteString("message", message);
        json.WriteString(
            "timestamp",
            _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("service", _options.ServiceName);
        json.WriteBoolean("cold_start", context?.IsColdStart ?? true);
        json.WriteString("function_name", _options.FunctionName);
        if (_options.FunctionMemorySize is { } memory)
        {
            json.WriteNumber("function_memory_size", memory);
        }

        if (context is not null)
        {
            json.WriteString("function_arn", context.InvokedFunctionArn);
            json.WriteString("function_request_id", context.RequestId);
            if (XRayRoot(context.TraceId) is { } root)
            {
                json.WriteString("xray_trace_id", root);
            }
        }

        if (scope.CorrelationId is { } correlationId)
        {
            json.WriteString("correlation_id", correlationId);
        }
    }

    // The trace header reads "Root=1-...;Parent=...;Sampled=1"; Powertools logs the Root value.
    private static string? XRayRoot(string? traceHeader)
    {
        if (string.IsNullOrEmpty(traceHeader))
        {
            return null;
        }

        foreach (var part in traceHeader.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal))
            {
                return part["Root=".Length..];
            }
        }

        return traceHeader;
    }
}
