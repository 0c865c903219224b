using BenchmarkDotNet.Running;
using Governance.Benchmarks.Handlers;
using Governance.Benchmarks.Ledger;

// dotnet run -c Release --project benchmarks/Governance.Benchmarks -- ledger [--sizes 1000,50000] [--endpoint URL]
//   ledger append and query rates against moto_server, and items read per item returned.
// dotnet run -c Release --project benchmarks/Governance.Benchmarks -- handlers [--events N] [--case NAME]
//   per-event time (mean, p50, p99) and allocations of each function over in-memory ports, without BenchmarkDotNet.
// dotnet run -c Release --project benchmarks/Governance.Benchmarks -- --filter '*'
//   the BenchmarkDotNet suites (per-event costs, with allocations); '*HandlerBenchmarks*' for the functions.
if (args.Length > 0 && args[0] is "ledger" or "handlers")
{
    using var cancellation = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancellation.Cancel();
    };
    return args[0] == "ledger"
        ? await LedgerLoadHarness.RunAsync(args[1..], cancellation.Token)
        : await HandlerProbe.RunAsync(args[1..], Console.Out, cancellation.Token);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
