using System.Diagnostics;
using Governance.Testing;

namespace Governance.Throughput;

/// <summary>Where the bootstrap comes from: the solution's Release build, or a publish as Lambda runs it.</summary>
public static class BootstrapBuild
{
    private const string FunctionsProject = "src/Functions/Governance.Functions";

    public static string Default() => RepositoryRoot.Combine(FunctionsProject, "bin", "Release", "net10.0", "bootstrap");

    /// <summary>Self-contained ReadyToRun linux-x64 (the deployed package), into a folder under the system temp folder.</summary>
    public static async Task<string> PublishAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var output = Path.Combine(Path.GetTempPath(), "governance-throughput", "r2r");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", FunctionsProject, "-c", "Release", "--nologo", "-v", "quiet", "-r", "linux-x64", "--self-contained", "-p:PublishReadyToRun=true", "-o", output])
        {
            start.ArgumentList.Add(argument);
        }

        progress.WriteLine($"publishing: dotnet {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? Path.Combine(output, "bootstrap")
            : throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
