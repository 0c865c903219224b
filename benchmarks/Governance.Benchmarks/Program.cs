using BenchmarkDotNet.Running;
using Governance.Benchmarks.Ledger;

// dotnet run -c Release --project benchmarks/Governance.Benchmarks -- ledger [--sizes 1000,50000] [--endpoint URL]
//   ledger append and query rates against moto_server, and items read per item returned.
// dotnet run -c Release --project benchmarks/Governance.Benchmarks -- --filter '*'
//   the BenchmarkDotNet suites (per-event costs, with allocations).
if (args.Length > 0 && args[0] == "ledger")
{
    using var cancellation = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancellation.Cancel();
    };
    return await LedgerLoadHarness.RunAsync(args[1..], cancellation.Token);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
