using System.Diagnostics;

namespace Governance.Local.Lambda;

/// <summary>
/// The Native AOT <c>bootstrap</c> that ships (what <c>make publish</c> builds), for everything that starts the real
/// process. <c>./test</c> publishes it once per run and passes its path in <see cref="Variable"/>; without the
/// variable (a developer running <c>dotnet test</c> alone) the first caller runs <c>make publish</c>, which does
/// nothing when the binary is newer than every source, and uses its output.
/// </summary>
public static class BootstrapBinary
{
    /// <summary>The environment variable holding the path of the bootstrap to start.</summary>
    public const string Variable = "GOVERNANCE_TEST_BOOTSTRAP";

    /// <summary>Where <c>make publish</c> puts it, relative to the repository root.</summary>
    public static readonly string PublishedPath = Path.Combine("artifacts", "publish", "bootstrap", "bootstrap");

    private static readonly Lock Gate = new();
    private static string? _resolved;

    /// <summary>The bootstrap's path; publishes it first when <see cref="Variable"/> is unset.</summary>
    /// <exception cref="InvalidOperationException">The variable names a missing file, or the publish failed.</exception>
    public static string Resolve(string repositoryRoot)
    {
        lock (Gate)
        {
            return _resolved ??= Locate(repositoryRoot);
        }
    }

    private static string Locate(string repositoryRoot)
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new InvalidOperationException($"{Variable}={configured}: no such file; run ./test, or `make publish` and point {Variable} at {PublishedPath}");
        }

        Publish(repositoryRoot);
        return Path.Combine(repositoryRoot, PublishedPath);
    }

    private static void Publish(string repositoryRoot)
    {
        var start = new ProcessStartInfo("make", ["--no-print-directory", "publish"])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("make did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Variable} is unset, so the Native AOT bootstrap was published with `make publish`, which failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
        }
    }
}
