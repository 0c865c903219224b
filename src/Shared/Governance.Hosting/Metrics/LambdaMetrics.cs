using System.Buffers;
using System.Text.Json;

namespace Governance.Hosting.Metrics;

/// <summary>
/// Per-invocation metrics written as CloudWatch Embedded Metric Format lines, flushed by the runtime once
/// per invocation: <c>HandlerDuration</c> (Milliseconds) and, on the first invocation, <c>ColdStart</c>
/// (Count), both by <c>service</c>; <c>EventsProcessed</c> (Count) by <c>service</c> and <c>Outcome</c>,
/// one line per distinct outcome the handler reported.
/// </summary>
public sealed class LambdaMetrics
{
    public const string ColdStartMetric = "ColdStart";
    public const string EventsProcessedMetric = "EventsProcessed";
    public const string HandlerDurationMetric = "HandlerDuration";
    public const string OutcomeDimension = "Outcome";
    public const string ServiceDimension = "service";

    private const int MaxDimensionValueLength = 1024;

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

    /// <summary>
    /// Counts one processed event with the given outcome (for example <c>synced</c>, <c>ignored</c>,
    /// <c>rejected</c>) in the current invocation.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API: handlers reach the invocation scope through the metrics they were given.")]
    public void AddOutcome(string outcome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        if (outcome.Length > MaxDimensionValueLength)
        {
            throw new ArgumentException("An outcome is a CloudWatch dimension value: at most 1024 characters.", nameof(outcome));
        }

        InvocationScope.Current.AddOutcome(outcome);
    }

    internal void Flush(InvocationScope scope, TimeSpan handlerDuration, bool coldStart)
    {
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        WriteServiceLine(timestamp, handlerDuration, coldStart);
        foreach (var group in scope.SnapshotOutcomes().GroupBy(outcome => outcome, StringComparer.Ordinal))
        {
            WriteOutcomeLine(timestamp, group.Key, group.Count());
        }
    }

    private void WriteServiceLine(long timestamp, TimeSpan handlerDuration, bool coldStart)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteMetadata(json, timestamp, [ServiceDimension], coldStart
                ? [(HandlerDurationMetric, "Milliseconds"), (ColdStartMetric, "Count")]
                : [(HandlerDurationMetric, "Milliseconds")]);
            json.WriteString(ServiceDimension, _options.ServiceName);
            json.WriteNumber(HandlerDurationMetric, Math.Round(handlerDuration.TotalMilliseconds, 3));
            if (coldStart)
            {
                json.WriteNumber(ColdStartMetric, 1);
            }

            json.WriteEndObject();
        }

        _writer.WriteLine(buffer.WrittenSpan);
    }

    private void WriteOutcomeLine(long timestamp, string outcome, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(320);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteMetadata(json, timestamp, [ServiceDimension, OutcomeDimension], [(EventsProcessedMetric, "Count")]);
            json.WriteString(ServiceDimension, _options.ServiceName);
            json.WriteString(OutcomeDimension, outcome);
            json.WriteNumber(EventsProcessedMetric, count);
            json.WriteEndObject();
        }

        _writer.WriteLine(buffer.WrittenSpan);
    }

    private void WriteMetadata(
        Utf8JsonWriter json,
        long timestamp,
        ReadOnlySpan<string> dimensions,
        ReadOnlySpan<(string Name, string Unit)> metrics)
    {
        json.WriteStartObject("_aws");
        json.WriteNumber("Timestamp", timestamp);
        json.WriteStartArray("CloudWatchMetrics");
        json.WriteStartObject();
        json.WriteString("Namespace", _options.Namespace);
        json.WriteStartArray("Dimensions");
        json.WriteStartArray();
        foreach (var dimension in dimensions)
        {
            json.WriteStringValue(dimension);
        }

        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteStartArray("Metrics");
        foreach (var (name, unit) in metrics)
        {
            json.WriteStartObject();
            json.WriteString("Name", name);
            json.WriteString("Unit", unit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
