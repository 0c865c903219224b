namespace Governance.ColdStart;

/// <summary>Median, 90th percentile (nearest rank), min and max of a set of timings.</summary>
public sealed record Statistics(double Median, double P90, double Min, double Max)
{
    public static Statistics Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p90 = sorted[Math.Clamp((int)Math.Ceiling(0.9 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Statistics(median, p90, sorted[0], sorted[^1]);
    }

    public override string ToString() => FormattableString.Invariant($"{Median,6:0.0} | {P90,6:0.0} | {Min,6:0.0} | {Max,6:0.0}");
}
