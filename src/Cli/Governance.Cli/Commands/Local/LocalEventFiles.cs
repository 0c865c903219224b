using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// Where the <c>local</c> subcommands write the events AWS would emit (<c>.local/events/</c>), named so a folder
/// replays in the order they happened, and which pipeline executions have already finished there.
/// </summary>
public sealed class LocalEventFiles(TimeProvider time)
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private int _written;

    public static string Folder => Path.Combine(LocalSettings.Folder(), "events");

    private static string FinishedFile => Path.Combine(LocalSettings.Folder(), "finished-executions");

    /// <summary>Writes the event to <paramref name="file"/>, or to the events folder under a name that sorts after the ones written before.</summary>
    public async Task<string> WriteAsync(JsonObject @event, string name, CancellationToken cancellationToken, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(@event);
        file ??= Path.Combine(Folder, $"{time.GetUtcNow():yyyyMMddHHmmssfff}-{++_written:00}-{name}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, @event.ToJsonString(IndentedJson), cancellationToken);
        return file;
    }

    /// <summary>moto leaves every pipeline execution Executing: the ones <c>local deploy</c> finished are remembered here.</summary>
    public static bool Finished(string executionArn) => File.Exists(FinishedFile) && File.ReadAllLines(FinishedFile).Contains(executionArn, StringComparer.Ordinal);

    public static void MarkFinished(string executionArn) => File.AppendAllLines(FinishedFile, [executionArn]);
}
