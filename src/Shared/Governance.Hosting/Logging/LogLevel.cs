namespace Governance.Hosting.Logging;

/// <summary>Severity of a log line, lowest first. <see cref="None"/> switches logging off.</summary>
public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
    None,
}

/// <summary>Level names as they appear in the <c>level</c> field and in <c>POWERTOOLS_LOG_LEVEL</c>.</summary>
public static class LogLevelNames
{
    /// <summary>The name written to the <c>level</c> field (Lambda's and Powertools' upper-case names).</summary>
    public static string ToFieldValue(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "NONE",
    };

    /// <summary>
    /// Reads a configured level in any of the spellings in use (Information/Info/INFO, Warning/Warn,
    /// Critical/Fatal, ...); null, empty or unknown values give <paramref name="fallback"/>.
    /// </summary>
    public static LogLevel Parse(string? value, LogLevel fallback) =>
        value?.Trim().ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" or "INFORMATION" => LogLevel.Information,
            "WARN" or "WARNING" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" or "FATAL" => LogLevel.Critical,
            "NONE" or "OFF" => LogLevel.None,
            _ => fallback,
        };
}
