using Governance.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Logging;

/// <summary>
/// The <see cref="ILoggerProvider"/> behind every <see cref="ILogger"/> of the functions: JSON lines in the
/// Powertools for AWS Lambda schema (<see cref="PowertoolsLogFormatter"/>), credentials scrubbed
/// (<see cref="SecretRedactor"/>), and <c>POWERTOOLS_LOGGER_SAMPLE_RATE</c> debug sampling per invocation. It
/// stands where Powertools for .NET's logger provider would; swapping that in changes this project only.
/// </summary>
public sealed class PowertoolsLoggerProvider : ILoggerProvider
{
    public const string DefaultCategory = "Governance";

    private readonly AsyncLocal<ScopeFrame?> _scopes = new();
    private readonly Func<double> _random;

    /// <param name="random">Draws the sampling decision, uniform in [0, 1); <see cref="Random.Shared"/> when null.</param>
    public PowertoolsLoggerProvider(LoggerOptions options, ILineWriter writer, TimeProvider timeProvider, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        Formatter = new PowertoolsLogFormatter(options, writer, timeProvider);
        _random = random ?? Random.Shared.NextDouble;
        foreach (var warning in options.Warnings)
        {
            Formatter.Write(LogLevel.Warning, warning, [], null, InvocationScope.Current, []);
        }
    }

    public LoggerOptions Options { get; }

    internal PowertoolsLogFormatter Formatter { get; }

    public ILogger CreateLogger(string categoryName) => new PowertoolsLogger(this);

    /// <summary>A logger for code that has no category of its own.</summary>
    public ILogger CreateLogger() => CreateLogger(DefaultCategory);

    public void Dispose()
    {
        // Lines are written synchronously; nothing is buffered.
    }

    internal LogLevel MinimumLevel(InvocationScope scope) => scope.SampledLevel ?? Options.MinimumLevel;

    /// <summary>
    /// Draws this invocation's debug sampling decision, as Powertools does at the start of each invocation: with
    /// probability <see cref="LoggerOptions.SampleRate"/> the invocation logs at DEBUG.
    /// </summary>
    internal void SampleInvocation(InvocationScope scope)
    {
        if (Options.SampleRate <= 0 || !Options.SamplingMayLowerLevel || _random() >= Options.SampleRate)
        {
            return;
        }

        if (Options.MinimumLevel > LogLevel.Debug)
        {
            scope.SampledLevel = LogLevel.Debug;
        }

        Formatter.Write(LogLevel.Debug, "Setting log level to DEBUG due to sampling rate", [], null, scope, ScopeKeys());
    }

    internal IDisposable BeginScope(IEnumerable<KeyValuePair<string, object?>> keys)
    {
        var frame = new ScopeFrame(keys.ToArray(), _scopes.Value);
        _scopes.Value = frame;
        return new ScopeHandle(this, frame);
    }

    /// <summary>Keys of the open <see cref="ILogger.BeginScope{TState}"/> scopes, innermost first.</summary>
    internal IEnumerable<KeyValuePair<string, object?>> ScopeKeys()
    {
        for (var frame = _scopes.Value; frame is not null; frame = frame.Parent)
        {
            foreach (var pair in frame.Keys)
            {
                yield return pair;
            }
        }
    }

    private sealed record ScopeFrame(KeyValuePair<string, object?>[] Keys, ScopeFrame? Parent);

    private sealed class ScopeHandle(PowertoolsLoggerProvider provider, ScopeFrame frame) : IDisposable
    {
        public void Dispose()
        {
            if (ReferenceEquals(provider._scopes.Value, frame))
            {
                provider._scopes.Value = frame.Parent;
            }
        }
    }
}
