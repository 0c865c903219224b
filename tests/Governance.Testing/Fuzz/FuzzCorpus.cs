using Governance.Local.Lambda;

namespace Governance.Testing.Fuzz;

/// <summary>The inputs fuzzing starts from: the shared real samples (valid and invalid), read in place, and the project's own fixtures.</summary>
public static class FuzzCorpus
{
    /// <summary>Every file under <c>events/</c> of the shared folder, or of the named subfolders; empty when the folder is absent.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> SharedEvents(params string[] folders)
    {
        if (SharedFolder.Path is null)
        {
            return [];
        }

        var root = SharedFolder.Combine("events");
        var directories = folders.Length == 0 ? [root] : folders.Select(folder => Path.Combine(root, folder));
        return [.. directories
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            .Where(file => !file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(root, file), File.ReadAllBytes(file)))];
    }

    /// <summary>The files under <c>Fixtures/</c><paramref name="folder"/> of the running test's output.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Fixtures(string folder)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", folder);
        return Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).Select(file => ("fixture:" + Path.GetFileName(file), File.ReadAllBytes(file)))]
            : [];
    }
}
