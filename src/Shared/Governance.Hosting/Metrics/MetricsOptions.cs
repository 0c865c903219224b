namespace Governance.Hosting.Metrics;

/// <summary>Where the metrics go in CloudWatch.</summary>
/// <param name="Namespace">POWERTOOLS_METRICS_NAMESPACE.</param>
/// <param name="ServiceName">POWERTOOLS_SERVICE_NAME, the <c>service</c> dimension of every metric.</param>
public sealed record MetricsOptions(string Namespace, string ServiceName);
