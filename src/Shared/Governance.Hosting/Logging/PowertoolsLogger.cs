using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Logging;

/// <summary>
/// One <see cref="ILogger"/> over <see cref="PowertoolsLoggerProvider"/>. Message templates are rendered by
/// <see cref="MessageTemplate"/> (sensitive holes redacted) and each hole becomes a key of the line;
/// <see cref="ILogger.BeginScope{TState}"/> with key/value pairs adds those keys to the lines written inside.
/// </summary>
internal sealed class PowertoolsLogger(PowertoolsLoggerProvider provider) : ILogger
{
    private const string OriginalFormatKey = "{OriginalFormat}";

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs ? provider.BeginScope(pairs) : null;

    public bool IsEnabled(LogLevel logLevel) =>
        logLevel != LogLevel.None && logLevel >= provider.MinimumLevel(InvocationScope.Current);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var scope = InvocationScope.Current;
        if (logLevel == LogLevel.None || logLevel < provider.MinimumLevel(scope))
        {
            return;
        }

        string message;
        var properties = new List<KeyValuePair<string, object?>>();
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values && Template(values) is { } template)
        {
            var holes = new object?[values.Count - 1];
            foreach (var pair in values)
            {
                if (pair.Key != OriginalFormatKey)
                {
                    holes[properties.Count] = pair.Value;
                    properties.Add(pair);
                }
            }

            message = MessageTemplate.Parse(template).Render(holes);
        }
        else
        {
            message = formatter(state, exception);
        }

        provider.Formatter.Write(logLevel, message, properties, exception, scope, provider.ScopeKeys());
    }

    private static string? Template(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        for (var i = values.Count - 1; i >= 0; i--)
        {
            if (values[i].Key == OriginalFormatKey)
            {
                return values[i].Value as string;
            }
        }

        return null;
    }
}
