namespace Governance.Local.Lambda;

/// <summary>
/// Locates the read-only <c>shared</c> folder that sits beside the repository (events, AWS service models,
/// the SigV4 test suite). Tests read it in place; nothing from it is copied into the project.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder, or null when this checkout has none beside it.</summary>
    public static string? Path => Root.Value;

    /// <summary>Why shared-folder tests are skipped when it is absent.</summary>
    public const string MissingMessage =
        "skipped: the 'shared' folder beside the repository (../shared: events, aws/models, aws/sigv4-testsuite) is absent";

    public static string Combine(params string[] parts) =>
        System.IO.Path.Combine([Path ?? throw new InvalidOperationException(MissingMessage), .. parts]);

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GOVERNANCE_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return System.IO.Path.GetFullPath(fromEnvironment);
        }

        string root;
        try
        {
            root = RepositoryRoot.Path;
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        var candidate = System.IO.Path.Combine(Directory.GetParent(root)?.FullName ?? root, "shared");
        return Directory.Exists(candidate) ? candidate : null;
    }
}
