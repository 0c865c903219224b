using System.Diagnostics;

namespace Governance.ColdStart;

/// <summary>Publishes the Functions project the two ways compared.</summary>
public static class Publisher
{
    private const string FunctionsProject = "src/Functions/Governance.Functions";

    public const string DeployedName = "deployed";
    public const string DeployedDescription = "self-contained, trimmed, ReadyToRun composite";
    public const string JitName = "jit";
    public const string JitDescription = "framework-dependent, JIT only";

    /// <summary>The build <c>make publish</c> ships: the project's defaults for a runtime identifier.</summary>
    public static async Task<Build> PublishDeployedAsync(string repositoryRoot, string outputRoot, CancellationToken cancellationToken)
    {
        var output = Path.Combine(outputRoot, DeployedName);
        await PublishAsync(repositoryRoot, ["-r", "linux-x64", "-o", output], cancellationToken);
        return new Build(DeployedName, DeployedDescription, Path.Combine(output, "bootstrap"));
    }

    public static async Task<Build> PublishJitAsync(string repositoryRoot, string outputRoot, CancellationToken cancellationToken)
    {
        var output = Path.Combine(outputRoot, JitName);
        await PublishAsync(
            repositoryRoot,
            ["-p:PublishReadyToRun=false", "-p:SelfContained=false", "-o", output],
            cancellationToken);
        return new Build(JitName, JitDescription, Path.Combine(output, "bootstrap"));
    }

    private static async Task PublishAsync(string repositoryRoot, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", FunctionsProject, "-c", "Release", "--nologo", "-v", "quiet", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Console.Error.WriteLine($"publishing: dotnet {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
