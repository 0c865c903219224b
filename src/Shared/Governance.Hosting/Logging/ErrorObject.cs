using System.Text.Json;
using Governance.Core.Secrets;

namespace Governance.Hosting.Logging;

/// <summary>
/// An exception as Powertools for AWS Lambda (TypeScript) logs an error: <c>{"name","location","message","stack",
/// "cause"}</c>. <c>name</c> is the exception's type name, <c>location</c> the file and line of the frame that
/// threw (or its method when the build carries no line numbers), <c>stack</c> the type, message and stack trace as
/// one string, and <c>cause</c> the inner exception in the same shape. Credentials are scrubbed from the text.
/// </summary>
internal static class ErrorObject
{
    private const int MaxCauseDepth = 8;

    public static void Write(Utf8JsonWriter json, Exception exception) => Write(json, exception, 0);

    private static void Write(Utf8JsonWriter json, Exception exception, int depth)
    {
        var stackTrace = exception.StackTrace;
        json.WriteStartObject();
        json.WriteString("name", exception.GetType().Name);
        if (Location(stackTrace) is { } location)
        {
            json.WriteString("location", location);
        }

        json.WriteString("message", SecretRedactor.Scrub(exception.Message));
        json.WriteString(
            "stack",
            SecretRedactor.Scrub(string.IsNullOrEmpty(stackTrace)
                ? $"{exception.GetType().FullName}: {exception.Message}"
                : $"{exception.GetType().FullName}: {exception.Message}\n{stackTrace}"));
        if (exception.InnerException is { } cause && depth < MaxCauseDepth)
        {
            json.WritePropertyName("cause");
            Write(json, cause, depth + 1);
        }

        json.WriteEndObject();
    }

    // A .NET frame reads "   at Namespace.Type.Method(args) in /path/File.cs:line 42"; without line numbers it
    // ends after the argument list.
    internal static string? Location(string? stackTrace)
    {
        if (string.IsNullOrEmpty(stackTrace))
        {
            return null;
        }

        var frame = stackTrace.AsSpan().TrimStart();
        var end = frame.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            frame = frame[..end];
        }

        if (frame.StartsWith("at "))
        {
            frame = frame[3..];
        }

        var file = frame.LastIndexOf(" in ");
        if (file >= 0)
        {
            var place = frame[(file + 4)..];
            var line = place.LastIndexOf(":line ");
            return line >= 0 ? $"{place[..line]}:{place[(line + 6)..]}" : place.ToString();
        }

        var arguments = frame.IndexOf('(');
        return (arguments >= 0 ? frame[..arguments] : frame).ToString();
    }
}
