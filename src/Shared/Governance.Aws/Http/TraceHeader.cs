using System.Text;

namespace Governance.Aws.Http;

/// <summary>
/// The X-Ray trace header every outgoing AWS call carries inside a Lambda invocation, as the AWS SDKs add it
/// (their "recursion detection"): when <c>AWS_LAMBDA_FUNCTION_NAME</c> and <c>_X_AMZN_TRACE_ID</c> are set, the
/// request gets <c>X-Amzn-Trace-Id</c> with the invocation's trace header, characters outside the header's
/// alphabet percent-encoded. It is not signed (the SDKs leave it out of SigV4's signed headers too).
/// </summary>
public static class TraceHeader
{
    public const string Name = "X-Amzn-Trace-Id";
    public const string TraceVariable = "_X_AMZN_TRACE_ID";
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";

    /// <summary>The current invocation's header value, read at each call (the runtime sets it per invocation); null outside Lambda.</summary>
    public static string? FromLambdaEnvironment() => From(Environment.GetEnvironmentVariable);

    public static string? From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return string.IsNullOrEmpty(variable(FunctionNameVariable)) || variable(TraceVariable) is not { Length: > 0 } trace
            ? null
            : Encode(trace);
    }

    private static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && IsAllowed((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-=;:+&[]{}\"',_.~".Contains(c, StringComparison.Ordinal);
}
