namespace Governance.Benchmarks;

/// <summary>Finds the project's own fixture files from wherever BenchmarkDotNet runs the benchmark.</summary>
public static class BenchmarkFiles
{
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GovernanceService.sln")))
            {
                return directory.FullName;
            }
        }

        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "GovernanceService.sln"))
            ? current
            : throw new InvalidOperationException("run the benchmarks from the repository (GovernanceService.sln not found)");
    }

    public static string CoreEventFixture(string name) =>
        Path.Combine(RepositoryRoot(), "tests", "Governance.Core.Tests", "Fixtures", "Events", name);

    /// <summary>A sample event in the read-only shared folder beside the repository (GOVERNANCE_SHARED_DIR overrides).</summary>
    public static string SharedEvent(string relativePath)
    {
        var shared = Environment.GetEnvironmentVariable("GOVERNANCE_SHARED_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Directory.GetParent(RepositoryRoot())!.FullName, "shared");
        var path = Path.Combine(shared, "events", relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"sample event {relativePath} not found under {shared}/events (set GOVERNANCE_SHARED_DIR)", path);
    }
}
