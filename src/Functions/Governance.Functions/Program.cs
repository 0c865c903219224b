using System.Runtime.InteropServices;
using Governance.Handlers;
using Governance.Hosting;

// The single bootstrap of every function: _HANDLER picks the handler, built once during INIT from the settings the
// function's environment holds (template.yaml sets them).
using var shutdown = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    shutdown.Cancel();
});

var options = LambdaRuntimeOptions.FromEnvironment();
return await LambdaRuntime.RunAsync(
    handlerName => FunctionCatalog.Create(handlerName, Environment.GetEnvironmentVariable, options.Logger, options.Metrics),
    options,
    shutdown.Token);
