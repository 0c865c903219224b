namespace Governance.ColdStart;

/// <summary>The two kinds of case: an event answered without AWS, and a first event doing real work against moto_server.</summary>
public enum CaseKind
{
    IgnorePath,
    RealWork,
}

/// <summary>Every sample of one harness run, by case, build and function, in run order (so builds pair run by run).</summary>
public sealed class Results(IReadOnlyList<Build> builds, IReadOnlyList<HandlerScenario> scenarios)
{
    private readonly Dictionary<(CaseKind Kind, string Build, string Handler), List<ColdStartSample>> _samples = [];

    public IReadOnlyList<Build> Builds { get; } = builds;

    public IReadOnlyList<HandlerScenario> Scenarios { get; } = scenarios;

    public void Add(CaseKind kind, Build build, HandlerScenario scenario, ColdStartSample sample)
    {
        var key = (kind, build.Name, scenario.Handler);
        if (!_samples.TryGetValue(key, out var list))
        {
            _samples[key] = list = [];
        }

        list.Add(sample);
    }

    public bool Has(CaseKind kind, Build build, HandlerScenario scenario) => _samples.ContainsKey((kind, build.Name, scenario.Handler));

    public IReadOnlyList<ColdStartSample> Samples(CaseKind kind, Build build, HandlerScenario scenario) => _samples[(kind, build.Name, scenario.Handler)];

    /// <summary>
    /// <paramref name="figure"/> of <paramref name="numerator"/> over that of <paramref name="denominator"/>, run by
    /// run (the two ran back to back in each round), as statistics over the rounds.
    /// </summary>
    public Statistics Ratio(CaseKind kind, Build numerator, Build denominator, HandlerScenario scenario, Func<ColdStartSample, double> figure)
    {
        var top = Samples(kind, numerator, scenario);
        var bottom = Samples(kind, denominator, scenario);
        return Statistics.Of([.. top.Zip(bottom, (a, b) => figure(a) / figure(b))]);
    }
}
