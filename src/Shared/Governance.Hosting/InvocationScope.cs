using Governance.Hosting.Metrics;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting;

/// <summary>
/// Telemetry state of the invocation the current async flow belongs to: the correlation id and keys a
/// handler appends to its log lines, and the outcomes it reports as metrics. The runtime begins a fresh
/// scope for every invocation, so nothing a handler sets leaks into the next one. Code that runs outside
/// an invocation (composition at init) writes to the process scope instead.
/// </summary>
internal sealed class InvocationScope
{
    private static readonly AsyncLocal<InvocationScope?> CurrentScope = new();
    private static readonly InvocationScope ProcessScope = new(null);

    private readonly Lock _gate = new();
    private readonly List<KeyValuePair<string, object?>> _keys = [];
    private readonly List<string> _outcomes = [];
    private readonly List<MetricValue> _metrics = [];
    private string? _correlationId;
    private LogLevel? _sampledLevel;

    private InvocationScope(InvocationContext? context) => Context = context;

    /// <summary>The scope of the running invocation, or the process scope outside invocations.</summary>
    public static InvocationScope Current => CurrentScope.Value ?? ProcessScope;

    /// <summary>Null for the process scope.</summary>
    public InvocationContext? Context { get; }

    public string? CorrelationId
    {
        get { lock (_gate) { return _correlationId; } }
        set { lock (_gate) { _correlationId = value; } }
    }

    /// <summary>The level debug sampling chose for this invocation, when it lowered the configured one.</summary>
    public LogLevel? SampledLevel
    {
        get { lock (_gate) { return _sampledLevel; } }
        set { lock (_gate) { _sampledLevel = value; } }
    }

    /// <summary>Makes a new scope current for the calling async flow until the returned handle is disposed.</summary>
    public static Activation Begin(InvocationContext context)
    {
        var scope = new InvocationScope(context);
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Activation(scope, previous);
    }

    public void AppendKey(string key, object? value)
    {
        lock (_gate)
        {
            var index = _keys.FindIndex(pair => string.Equals(pair.Key, key, StringComparison.Ordinal));
            if (index >= 0)
            {
                _keys[index] = new(key, value);
            }
            else
            {
                _keys.Add(new(key, value));
            }
        }
    }

    public KeyValuePair<string, object?>[] SnapshotKeys()
    {
        lock (_gate)
        {
            return [.. _keys];
        }
    }

    public void AddOutcome(string outcome)
    {
        lock (_gate)
        {
            _outcomes.Add(outcome);
        }
    }

    public string[] SnapshotOutcomes()
    {
        lock (_gate)
        {
            return [.. _outcomes];
        }
    }

    public void AddMetric(MetricValue metric)
    {
        lock (_gate)
        {
            _metrics.Add(metric);
        }
    }

    public MetricValue[] SnapshotMetrics()
    {
        lock (_gate)
        {
            return [.. _metrics];
        }
    }

    public readonly struct Activation : IDisposable
    {
        private readonly InvocationScope? _previous;

        internal Activation(InvocationScope scope, InvocationScope? previous)
        {
            Scope = scope;
            _previous = previous;
        }

        public InvocationScope Scope { get; }

        public void Dispose() => CurrentScope.Value = _previous;
    }
}
