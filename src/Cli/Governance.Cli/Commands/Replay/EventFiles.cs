namespace Governance.Cli.Commands.Replay;

/// <summary>Expands the paths given to replay into event files, in a stable order.</summary>
public static class EventFiles
{
    /// <summary>
    /// A file named on the command line is always replayed; inside folders, files ending in <c>.json</c> or
    /// <c>.json.invalid</c> are, recursively, sorted by path. A path that does not exist is returned as is, so
    /// the replay reports it instead of skipping it silently.
    /// </summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                yield return path;
                continue;
            }

            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(file => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json.invalid", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                yield return file;
            }
        }
    }
}
