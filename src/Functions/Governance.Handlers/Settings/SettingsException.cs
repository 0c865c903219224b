namespace Governance.Handlers.Settings;

/// <summary>A function's settings cannot be used; <see cref="Exception.Message"/> lists every problem, each naming its setting.</summary>
public sealed class SettingsException : InvalidOperationException
{
    public SettingsException()
    {
    }

    public SettingsException(string message)
        : base(message)
    {
    }

    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SettingsException(string handler, IReadOnlyList<string> problems)
        : base($"{handler} cannot start: " + string.Join("; ", problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; } = [];
}
