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
}
