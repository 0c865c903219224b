using Governance.Local.Lambda;

namespace Governance.Benchmarks;

/// <summary>Finds the project's own fixture files from wherever BenchmarkDotNet runs the benchmark.</summary>
public static class BenchmarkFiles
{
    public static string CoreEventFixture(string name) =>
        RepositoryRoot.Combine("tests", "Governance.Core.Tests", "Fixtures", "Events", name);

    /// <summary>A sample event in the read-only shared folder beside the repository (GOVERNANCE_SHARED_DIR overrides).</summary>
    public static string SharedEvent(string relativePath)
    {
        var path = SharedFolder.Combine("events", relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"sample event {relativePath} not found under {SharedFolder.Path}/events (set GOVERNANCE_SHARED_DIR)", path);
    }
}
