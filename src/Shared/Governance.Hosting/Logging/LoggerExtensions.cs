using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Logging;

/// <summary>
/// Powertools' per-invocation keys on any <see cref="ILogger"/>: the correlation id and appended keys belong to
/// the current invocation and are written on each of its lines, whichever logger writes them.
/// </summary>
public static class LoggerExtensions
{
    /// <summary>
    /// Sets the correlation id (the event id) written on every line of the current invocation. Outside an
    /// invocation it applies to lines written outside invocations only.
    /// </summary>
    public static void SetCorrelationId(this ILogger logger, string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        InvocationScope.Current.CorrelationId = correlationId;
    }

    /// <summary>Adds a key to every line of the current invocation (replacing a key of the same name); null values are not written.</summary>
    public static void AppendKey(this ILogger logger, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        InvocationScope.Current.AppendKey(key, value);
    }
}
