using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using Governance.Core.Presentation;
using Governance.Core.Processing;
using Governance.Core.Routing;

namespace Governance.Cli.Commands.Replay;

/// <summary>
/// <c>governance replay PATH... [--dry-run] [--json]</c>: runs each event through the router and the handler
/// it routes to, the way the deployed functions would, and prints one result per event.
/// </summary>
public static class ReplayCommand
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Help = """
        Usage: governance replay PATH... [--dry-run] [--json] [--central-account ID] [--verbose]

        Runs each event file through the router and the function it routes to, exactly as the deployed
        functions would, and prints one result per event: processed, ignored, rejected (the event is not
        usable; the reason says why) or failed (the handler failed; Lambda would retry it).

        PATH is an event file or a folder; folders are read recursively for *.json and *.json.invalid files.

        Options:
          --dry-run             parse and route only; no handler runs, nothing is written
          --json                one JSON object per line:
                               {"file","eventId","source","detailType","handler","outcome","reason","effects","alreadyDone"},
                               each effect an object with a "type" (record.appended, artifact.copied,
                               central-package.created, pipeline.started, notification.sent, ...)
          --central-account ID  the governance account (default: $GOVERNANCE_CENTRAL_ACCOUNT); approvals from it
                                go to DeploymentTrigger, from any other account to RegistrySync
          -v, --verbose         show the functions' JSON log lines on standard error
          -h, --help            show this help

        Exit status: 0 when no event failed, 1 when one failed or every one was rejected, 2 on a usage error
        (a path that does not exist, no event file found).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        if (await CommandUsage.ParseAsync("replay", () => ReplayOptions.Parse(args, settings), stderr) is not { } options)
        {
            return CommandUsage.UsageError;
        }

        if (options.Paths.FirstOrDefault(path => !File.Exists(path) && !Directory.Exists(path)) is { } missing)
        {
            await stderr.WriteLineAsync($"governance replay: no such file or folder: {missing}");
            return 2;
        }

        var files = EventFiles.Expand(options.Paths).ToList();
        if (files.Count == 0)
        {
            await stderr.WriteLineAsync($"governance replay: no event files (*.json, *.json.invalid) in {string.Join(", ", options.Paths)}");
            return 2;
        }

        if (options.CentralAccountDefaulted)
        {
            await stderr.WriteLineAsync("governance replay: no central account configured (--central-account or $GOVERNANCE_CENTRAL_ACCOUNT): every account is treated as a team account");
        }

        var invoker = LocalInvoker.Create(settings, options.CentralAccountId, options.Verbose ? stderr : null);
        var router = new EventRouter(options.CentralAccountId);

        var failed = 0;
        var rejected = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await ReplayOneAsync(file, router, invoker, options.DryRun, cancellationToken);
            failed += result.Outcome == ProcessingOutcome.Failed ? 1 : 0;
            rejected += result.Outcome == ProcessingOutcome.Rejected ? 1 : 0;
            await stdout.WriteLineAsync(options.Json ? FormatJson(file, result) : FormatText(file, result));
        }

        if (rejected == files.Count)
        {
            await stderr.WriteLineAsync($"governance replay: every event ({rejected}) was rejected; nothing was processed");
        }

        return failed == 0 && rejected < files.Count ? 0 : 1;
    }

    /// <summary>The result as one JSON line, with the file it came from first.</summary>
    private static string FormatJson(string file, ProcessingResult result)
    {
        var line = JsonNode.Parse(JsonSerializer.Serialize(result, ProcessingJsonContext.Default.ProcessingResult))!.AsObject();
        var ordered = new JsonObject { ["file"] = file };
        foreach (var (name, value) in line.ToList())
        {
            line.Remove(name);
            ordered[name] = value;
        }

        return ordered.ToJsonString(RelaxedJson);
    }

    private static async Task<ProcessingResult> ReplayOneAsync(string file, EventRouter router, LocalInvoker invoker, bool dryRun, CancellationToken cancellationToken)
    {
        byte[] payload;
        try
        {
            payload = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ProcessingResults.Rejected(new RejectedEvent($"cannot read {file}: {e.Message}", null, null, null));
        }

        return await ReplayPayloadAsync(payload, router, invoker, dryRun, cancellationToken);
    }

    /// <summary>Parses, routes and (unless <paramref name="dryRun"/>) runs one event as the deployed function would.</summary>
    internal static async Task<ProcessingResult> ReplayPayloadAsync(byte[] payload, EventRouter router, LocalInvoker invoker, bool dryRun, CancellationToken cancellationToken)
    {
        var parsed = EventParser.Parse(payload);
        if (ProcessingResults.Unprocessed(parsed, router) is { } unprocessed)
        {
            return unprocessed;
        }

        var parsedEvent = (ParsedEvent)parsed;
        var handler = router.Route(parsedEvent).Handler!;
        return dryRun
            ? ProcessingResults.Ignored(parsedEvent, handler, $"dry run: {handler} would handle it; nothing was run")
            : await invoker.InvokeAsync(handler, parsedEvent, payload, cancellationToken);
    }

    // The reason and the effects quote the event: printed without its control characters.
    private static string FormatText(string file, ProcessingResult result) =>
        TerminalText.Line($"{result.Outcome.ToString().ToLowerInvariant(),-9} {result.Handler ?? "-",-17} {file}{(result.Reason is null ? "" : "  " + result.Reason)}")
        + string.Concat(result.Effects.Select(effect => Environment.NewLine + "          ↳ " + TerminalText.Line(EffectText.Describe(effect))))
        + string.Concat(result.AlreadyDone.Select(effect => Environment.NewLine + "          ↳ already done: " + TerminalText.Line(EffectText.Describe(effect))));
}
