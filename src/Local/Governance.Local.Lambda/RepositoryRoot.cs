namespace Governance.Local.Lambda;

/// <summary>
/// The checkout's root folder (the one holding GovernanceService.sln), above the program's folder or, for a
/// program run from a copy elsewhere (BenchmarkDotNet's), above the current directory.
/// </summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "GovernanceService.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"GovernanceService.sln not found above {AppContext.BaseDirectory} or the current directory: run from the checkout");
    }
}
