namespace Governance.Core.Notifications;

/// <summary>How urgent a notification is; the <c>severity</c> attribute carries <see cref="Severities.WireName"/>.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}

public static class Severities
{
    public static string WireName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };
}
