namespace Governance.Core.Registry;

/// <summary>The sections of SageMaker <c>ModelMetrics</c> (and of <c>DriftCheckBaselines</c>).</summary>
public enum MetricSection
{
    ModelQuality,
    ModelDataQuality,
    Bias,
    Explainability,
}
