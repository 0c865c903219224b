namespace Governance.Testing;

/// <summary>The checkout's root folder (the one holding GovernanceService.sln).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "GovernanceService.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GovernanceService.sln not found above " + AppContext.BaseDirectory);
    }
}
