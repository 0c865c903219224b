using System.Buffers;
using System.Text.Json;

namespace Governance.Hosting.Metrics;

/// <summary>
/// Per-invocation metrics written as CloudWatch Embedded Metric Format documents, flushed by the runtime once per
/// invocation, every one with the dimensions <c>service</c> and <c>function_name</c>:
/// <list type="bullet">
/// <item><c>ColdStart</c> (Count) in a document of its own on a cold start, as Powertools writes it;</item>
/// <item><c>HandlerDuration</c> (Milliseconds) and the metrics the handler added (summed per name);</item>
/// <item><c>EventsProcessed</c> (Count) with the extra dimension <c>Outcome</c>, one document per distinct outcome.</item>
/// </list>
/// </summary>
public sealed class LambdaMetrics : IMetrics
{
    public const string ColdStartMetric = "ColdStart";
    public const string EventsProcessedMetric = "EventsProcessed";
    public const string HandlerDurationMetric = "HandlerDuration";
    public const string OutcomeDimension = "Outcome";
    public const string ServiceDimension = "service";
    public const string FunctionNameDimension = "function_name";

    private readonly MetricsOptions _options;
    private readonly ILineWriter _writer;
    private readonly TimeProvider _timeProvider;

    public LambdaMetrics(MetricsOptions options, ILineWriter writer, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _writer = writer;
        _timeProvider = timeProvider;
    }

    public MetricsOptions Options => _options;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API: handlers reach the invocation scope through the metrics they were given.")]
    public void AddMetric(string name, double value, MetricUnit unit)
    {
        if (!MetricsOptions.IsValidName(name, MetricsOptions.MaxNameLength) || IsReserved(name))
        {
            throw new ArgumentException($"\"{name}\" cannot be a metric name: 1-{MetricsOptions.MaxNameLength} ASCII characters, none of the runtime's own metrics.", nameof(name));
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A metric value is a finite number.");
        }

        InvocationScope.Current.AddMetric(new MetricValue(name, value, unit));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API: handlers reach the invocation scope through the metrics they were given.")]
    public void AddOutcome(string outcome)
    {
        if (!MetricsOptions.IsValidName(outcome, MetricsOptions.MaxDimensionValueLength))
        {
            throw new ArgumentException("An outcome is a CloudWatch dimension value: 1-1024 ASCII characters, not all white space.", nameof(outcome));
        }

        InvocationScope.Current.AddOutcome(outcome);
    }

    internal void Flush(InvocationScope scope, TimeSpan handlerDuration, bool coldStart)
    {
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (coldStart)
        {
            Write(timestamp, null, [(ColdStartMetric, MetricUnit.Count, 1)]);
        }

        var metrics = new List<(string Name, MetricUnit Unit, double Value)>
        {
            (HandlerDurationMetric, MetricUnit.Milliseconds, Math.Round(handlerDuration.TotalMilliseconds, 3)),
        };
        foreach (var group in scope.SnapshotMetrics().GroupBy(metric => (metric.Name, metric.Unit)))
        {
            metrics.Add((group.Key.Name, group.Key.Unit, group.Sum(metric => metric.Value)));
        }

        Write(timestamp, null, metrics);
        foreach (var group in scope.SnapshotOutcomes().GroupBy(outcome => outcome, StringComparer.Ordinal))
        {
            Write(timestamp, group.Key, [(EventsProcessedMetric, MetricUnit.Count, group.Count())]);
        }
    }

    private static bool IsReserved(string name) =>
        name is ColdStartMetric or EventsProcessedMetric or HandlerDurationMetric
            or ServiceDimension or FunctionNameDimension or OutcomeDimension or "_aws";

    private void Write(long timestamp, string? outcome, IReadOnlyList<(string Name, MetricUnit Unit, double Value)> metrics)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp);
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", _options.Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(ServiceDimension);
            json.WriteStringValue(FunctionNameDimension);
            if (outcome is not null)
            {
                json.WriteStringValue(OutcomeDimension);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(ServiceDimension, _options.ServiceName);
            json.WriteString(FunctionNameDimension, _options.FunctionName);
            if (outcome is not null)
            {
                json.WriteString(OutcomeDimension, outcome);
            }

            foreach (var (name, _, value) in metrics)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        _writer.WriteLine(buffer.WrittenSpan);
    }
}
