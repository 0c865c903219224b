using BenchmarkDotNet.Attributes;
using Governance.Hosting;

namespace Governance.Benchmarks.Handlers;

/// <summary>
/// Per-event cost of each function: the whole in-process invocation (parse, route, domain work, effects on
/// in-memory ports, result serialisation, logging through the real logger into a null sink). One invocation per
/// iteration on a freshly built world (see <see cref="HandlerBenchmarkConfig"/>), so Mean and P99 are per event.
/// Targets: p99 ≤ 1 ms, allocated ≤ 100 KB per event.
/// </summary>
[Config(typeof(HandlerBenchmarkConfig))]
public class HandlerBenchmarks
{
    private readonly NullLineWriter _sink = new();
    private HandlerCase _case = HandlerCase.All[0];
    private byte[] _payload = [];
    private IFunctionHandler? _function;
    private InvocationContext? _context;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = HandlerCase.All[0].Name;

    public static IEnumerable<string> Cases() => HandlerCase.All.Select(candidate => candidate.Name);

    [GlobalSetup]
    public void CheckTheCaseReachesItsOutcome()
    {
        _case = HandlerCase.Named(Case);
        _payload = _case.ReadEvent();
        NewWorld();
        HandlerOutcome.Require(_case, Invoke().GetAwaiter().GetResult());
    }

    [IterationSetup]
    public void NewWorld() => NewWorldAsync().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<ReadOnlyMemory<byte>> Invoke()
    {
        using var invocation = LocalInvocation.Begin(_context!);
        return await _function!.HandleAsync(_payload, _context!, CancellationToken.None);
    }

    private async Task NewWorldAsync()
    {
        var world = await HandlerWorld.CreateAsync(_case.Stage, _sink);
        _function = world.Function(_case.Handler);
        _context = HandlerWorld.Context(_case.Handler);
    }
}
