using Governance.Local;
using Governance.Local.Lambda;
using Governance.Throughput;

ThroughputOptions options;
try
{
    options = ThroughputOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ThroughputOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(ThroughputOptions.Usage);
    return 0;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// Stopped from outside: end the run so the bootstrap and the moto_server this run started are stopped too.
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancellation.Cancel();
});

string bootstrap;
try
{
    bootstrap = options.Bootstrap ?? BootstrapBinary.Resolve(RepositoryRoot.Path);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (!File.Exists(bootstrap))
{
    Console.Error.WriteLine($"{bootstrap} does not exist");
    return 2;
}

var moto = options.Endpoint is { } endpoint
    ? await Emulator.AttachAsync(endpoint, cancellation.Token)
    : await Emulator.StartAsync(null, cancellation.Token);
try
{
    Console.Error.WriteLine($"moto_server: {moto.Endpoint}; bootstrap: {bootstrap}");
    using var organisation = await Organisation.CreateAsync(moto.Endpoint, cancellation.Token);
    var events = new EventFactory();
    await organisation.MarkHandledAsync(EventFactory.DuplicateApprovalId, "RegistrySync", events.DuplicateApprovalPackage, cancellation.Token);
    var runner = new WorkloadRunner(bootstrap, organisation.Environment(), Console.Error);
    var results = new List<WorkloadResult>();
    foreach (var name in options.Only)
    {
        var workload = Workload.Create(name, events, options);
        Console.Error.WriteLine($"{name}: {workload.Events.Count} events to {workload.Handler}");
        results.Add(await runner.RunAsync(workload, options.Timeout, cancellation.Token));
    }

    Report.Write(Console.Out, results, bootstrap);
    return results.Any(result => result.Errors > 0) ? 1 : 0;
}
finally
{
    await moto.DisposeAsync();
}
