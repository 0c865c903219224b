using System.Diagnostics;

namespace Governance.ColdStart;

/// <summary>One of the programs compared: what to start, and how it was built.</summary>
/// <param name="RunsHandlers">Whether it runs the project's handlers (the Python peer only parses and answers).</param>
public sealed record Build(string Name, string Description, string FileName, IReadOnlyList<string> Arguments, bool RunsHandlers)
{
    public const string Aot = "aot";
    public const string ReadyToRun = "r2r";
    public const string Python = "python";

    /// <summary>The folder it starts in (the bootstrap's own, as on Lambda: /var/task).</summary>
    public string WorkingDirectory => Path.GetDirectoryName(Arguments.Count > 0 ? Arguments[0] : FileName)!;
}

/// <summary>Builds (or takes) the three programs compared.</summary>
public static class Builds
{
    /// <summary>The deployed bootstrap: <c>make publish</c>, or an already published one.</summary>
    public static async Task<Build> AotAsync(string repositoryRoot, string? published, CancellationToken cancellationToken)
    {
        var executable = published ?? await MakeAsync(repositoryRoot, "publish", Path.Combine("artifacts", "publish", "bootstrap", "bootstrap"), cancellationToken);
        return new Build(Build.Aot, "Native AOT, linux-x64 (deployed)", executable, [], RunsHandlers: true);
    }

    /// <summary>The build Lambda ran before Native AOT: <c>make publish-r2r</c> (benchmark only), or an already published one.</summary>
    public static async Task<Build> ReadyToRunAsync(string repositoryRoot, string? published, CancellationToken cancellationToken)
    {
        var executable = published ?? await MakeAsync(repositoryRoot, "publish-r2r", Path.Combine("artifacts", "publish", "r2r", "bootstrap"), cancellationToken);
        return new Build(Build.ReadyToRun, "self-contained, trimmed, ReadyToRun composite for x86-64-v3 (previous)", executable, [], RunsHandlers: true);
    }

    /// <summary>The Python peer, run by the machine's python3 itself (a version manager's shim would add its own start-up).</summary>
    public static async Task<Build> PythonAsync(CancellationToken cancellationToken)
    {
        var (interpreter, version) = await PythonInterpreterAsync(cancellationToken);
        var script = Path.Combine(AppContext.BaseDirectory, "PythonPeer", "bootstrap.py");
        return new Build(Build.Python, $"Python {version} peer: boto3 imported, SageMaker/SNS/DynamoDB clients at INIT", interpreter, [script], RunsHandlers: false);
    }

    private static async Task<(string Interpreter, string Version)> PythonInterpreterAsync(CancellationToken cancellationToken)
    {
        var (code, output) = await RunAsync("python3", ["-c", "import sys, boto3; print(sys.executable); print(sys.version.split()[0] + ', boto3 ' + boto3.__version__)"], null, cancellationToken);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return code == 0 && lines.Length >= 2
            ? (lines[0], lines[1])
            : throw new InvalidOperationException($"python3 with boto3 is needed for the Python peer:\n{output}");
    }

    private static async Task<string> MakeAsync(string repositoryRoot, string target, string relativeOutput, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"make {target} (does nothing when up to date)");
        var (code, output) = await RunAsync("make", ["--no-print-directory", target], repositoryRoot, cancellationToken);
        return code == 0
            ? Path.Combine(repositoryRoot, relativeOutput)
            : throw new InvalidOperationException($"make {target} failed ({code}):\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
