using System.Diagnostics;
using Governance.Testing;

namespace Governance.Cli.Tests.Process;

/// <summary>
/// The real <c>governance</c> CLI as a user runs it: its own process (the build output beside the tests), its own
/// environment, standard output and error captured, how long it took.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors, TimeSpan Elapsed);

    public static string Program => Path.Combine(AppContext.BaseDirectory, "governance.dll");

    /// <summary>Credentials moto accepts and a region, with nothing of the machine's own AWS configuration.</summary>
    public static Dictionary<string, string?> MotoEnvironment(string home) => new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretAccessKey,
        ["AWS_REGION"] = MotoServer.Region,
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_CONFIG_FILE"] = Path.Combine(home, "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["GOVERNANCE_TABLE"] = null,
        ["GOVERNANCE_CENTRAL_ACCOUNT"] = null,
        ["GOVERNANCE_LOCAL_DIR"] = Path.Combine(home, ".local"),
        ["GOVERNANCE_DEBUG"] = null,
    };

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(StartInfo(args, environment, workingDirectory)) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var errors = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"governance {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new Result(process.ExitCode, await output, await errors, clock.Elapsed);
    }
}
