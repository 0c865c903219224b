namespace Governance.ColdStart;

/// <summary>The samples and jitted-method counts of every build and function of one harness run.</summary>
public sealed class Results(IReadOnlyList<Build> builds, IReadOnlyList<HandlerScenario> scenarios)
{
    private readonly Dictionary<(string Build, string Handler), List<ColdStartSample>> _samples = [];
    private readonly Dictionary<(string Build, string Handler), int> _jitted = [];

    public IReadOnlyList<Build> Builds { get; } = builds;

    public IReadOnlyList<HandlerScenario> Scenarios { get; } = scenarios;

    public void Add(Build build, HandlerScenario scenario, ColdStartSample sample)
    {
        var key = (build.Name, scenario.Handler);
        if (!_samples.TryGetValue(key, out var list))
        {
            _samples[key] = list = [];
        }

        list.Add(sample);
    }

    public void SetJitted(Build build, HandlerScenario scenario, int methods) => _jitted[(build.Name, scenario.Handler)] = methods;

    public IReadOnlyList<ColdStartSample> Samples(Build build, HandlerScenario scenario) => _samples[(build.Name, scenario.Handler)];

    public int Jitted(Build build, HandlerScenario scenario) => _jitted.GetValueOrDefault((build.Name, scenario.Handler), -1);
}
