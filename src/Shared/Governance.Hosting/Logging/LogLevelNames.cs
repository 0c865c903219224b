using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Logging;

/// <summary>
/// Level names as Powertools for AWS Lambda writes and reads them: <c>TRACE DEBUG INFO WARN ERROR CRITICAL
/// SILENT</c> in the <c>level</c> field and in <c>POWERTOOLS_LOG_LEVEL</c> / <c>LOG_LEVEL</c>; Lambda's advanced
/// logging controls (<c>AWS_LAMBDA_LOG_LEVEL</c>) also say <c>FATAL</c>. The .NET names (Information, Warning,
/// None) are accepted too.
/// </summary>
public static class LogLevelNames
{
    /// <summary>The names the <c>LogLevel</c> template parameter and the environment variables accept.</summary>
    public static readonly IReadOnlyList<string> Accepted = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"];

    /// <summary>The name written to the <c>level</c> field.</summary>
    public static string ToFieldValue(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "SILENT",
    };

    /// <summary>Reads a configured level in any accepted spelling, ignoring case; null when absent or unknown.</summary>
    public static LogLevel? TryParse(string? value) =>
        value?.Trim().ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" or "INFORMATION" => LogLevel.Information,
            "WARN" or "WARNING" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" or "FATAL" => LogLevel.Critical,
            "SILENT" or "NONE" or "OFF" => LogLevel.None,
            _ => null,
        };
}
