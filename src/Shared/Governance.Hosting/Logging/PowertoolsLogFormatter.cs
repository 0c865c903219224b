using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Governance.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Logging;

/// <summary>
/// Writes one log line in the Powertools for AWS Lambda schema, keys in Powertools' order: level, message,
/// timestamp, service, then inside an invocation cold_start, function_arn, function_memory_size, function_name,
/// function_request_id, sampling_rate, xray_trace_id, correlation_id; then the keys appended for the invocation,
/// the template's properties and the <c>error</c> object. Keys whose value is null are left out, and outside an
/// invocation (INIT, the runtime loop) there is no cold_start, function_arn, function_request_id or xray_trace_id.
/// </summary>
internal sealed class PowertoolsLogFormatter(LoggerOptions options, ILineWriter writer, TimeProvider timeProvider)
{
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "level", "message", "timestamp", "service", "cold_start", "function_arn", "function_memory_size", "function_name",
        "function_request_id", "sampling_rate", "xray_trace_id", "correlation_id", "error",
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Messages are read by people in CloudWatch: keep non-ASCII text and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public void Write(
        LogLevel level,
        string message,
        IReadOnlyList<KeyValuePair<string, object?>> properties,
        Exception? exception,
        InvocationScope scope,
        IEnumerable<KeyValuePair<string, object?>> scopeKeys)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            WriteStandardFields(json, level, SecretRedactor.Scrub(message), scope);
            var written = new HashSet<string>(ReservedKeys, StringComparer.Ordinal);
            WriteProperties(json, scope.SnapshotKeys(), written);
            WriteProperties(json, scopeKeys, written);
            WriteProperties(json, properties, written);
            if (exception is not null)
            {
                json.WritePropertyName("error");
                ErrorObject.Write(json, exception);
            }

            json.WriteEndObject();
        }

        writer.WriteLine(buffer.WrittenSpan);
    }

    private static void WriteProperties(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> properties, HashSet<string> written)
    {
        foreach (var (key, value) in properties)
        {
            if (value is not null && written.Add(key))
            {
                LogValueWriter.WriteProperty(json, key, value);
            }
        }
    }

    private void WriteStandardFields(Utf8JsonWriter json, LogLevel level, string message, InvocationScope scope)
    {
        var context = scope.Context;
        json.WriteString("level", LogLevelNames.ToFieldValue(level));
        json.WriteString("message", message);
        json.WriteString(
            "timestamp",
            timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("service", options.ServiceName);
        if (context is not null)
        {
            json.WriteBoolean("cold_start", context.IsColdStart);
            WriteNonEmpty(json, "function_arn", context.InvokedFunctionArn);
        }

        if (options.FunctionMemorySize is { } memory)
        {
            json.WriteNumber("function_memory_size", memory);
        }

        WriteNonEmpty(json, "function_name", options.FunctionName);
        if (context is not null)
        {
            json.WriteString("function_request_id", context.RequestId);
        }

        json.WriteNumber("sampling_rate", options.SampleRate);
        if (XRayRoot(context?.TraceId) is { } root)
        {
            json.WriteString("xray_trace_id", root);
        }

        if (scope.CorrelationId is { } correlationId)
        {
            json.WriteString("correlation_id", correlationId);
        }
    }

    private static void WriteNonEmpty(Utf8JsonWriter json, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(key, value);
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
