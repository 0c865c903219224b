using System.Text.Json.Serialization;
using Governance.Core.Secrets;
using Governance.Hosting.Logging;

namespace Governance.Hosting.Runtime;

/// <summary>The error document Lambda expects on <c>/invocation/{id}/error</c> and <c>/init/error</c>.</summary>
internal sealed record RuntimeErrorPayload(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace);

/// <summary>An error to post: the body and the Lambda-Runtime-Function-Error-Type header.</summary>
/// <param name="Category">The header value, <c>Category.Reason</c> as Lambda recommends.</param>
internal sealed record RuntimeError(string Category, RuntimeErrorPayload Payload)
{
    /// <summary>
    /// Describes an exception: its type name, message and stack (inner exceptions appended), with
    /// credentials scrubbed from the text.
    /// </summary>
    public static RuntimeError FromException(string category, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var stack = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (!ReferenceEquals(current, exception))
            {
                stack.Add(SecretRedactor.Scrub($"---> {current.GetType().FullName}: {current.Message}"));
            }

            stack.AddRange(StackLines(current));
        }

        return new RuntimeError(
            category,
            new RuntimeErrorPayload(SecretRedactor.Scrub(exception.Message), exception.GetType().Name, stack));
    }

    public static RuntimeError Describe(string category, string errorType, string message) =>
        new(category, new RuntimeErrorPayload(message, errorType, []));

    private static string[] StackLines(Exception exception) =>
        (exception.StackTrace ?? string.Empty)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

[JsonSerializable(typeof(RuntimeErrorPayload))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
