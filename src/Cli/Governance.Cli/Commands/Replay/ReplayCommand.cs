using System.Text.Json;
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
    public const string Help = """
        Usage: governance replay PATH... [--dry-run] [--json] [--central-account ID] [--verbose]

        Runs each event file through the router and the function it routes to, exactly as the deployed
        functions would, and prints one result per event: processed, ignored, rejected (the event is not
        usable; the reason says why) or failed (the handler failed; Lambda would retry it).

        PATH is an event file or a folder; folders are read recursively for *.json and *.json.invalid files.

        Options:
          --dry-run             parse and route only; no handler runs, nothing is written
          --json                one JSON object per line:
                                {"eventId","source","detailType","handler","outcome","reason","effects","alreadyDone"},
                                each effect an object with a "type" (record.appended, artifact.copied,
                                central-package.created, pipeline.started, notification.sent, ...)
          --central-account ID  the governance account (default: $GOVERNANCE_CENTRAL_ACCOUNT); approvals from it
                                go to DeploymentTrigger, from any other account to RegistrySync
          -v, --verbose         show the functions' JSON log lines on standard error
          -h, --help            show this help

        Exit status: 0 when no event failed, 1 when one failed, 2 on a usage error.
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

        if (options.CentralAccountDefaulted)
        {
            await stderr.WriteLineAsync("governance replay: no central account configured (--central-account or $GOVERNANCE_CENTRAL_ACCOUNT): every account is treated as a team account");
        }

        var invoker = LocalInvoker.Create(settings, options.CentralAccountId, options.Verbose ? stderr : null);
        var router = new EventRouter(options.CentralAccountId);

        var failed = 0;
        foreach (var file in EventFiles.Expand(options.Paths))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await ReplayOneAsync(file, router, invoker, options.DryRun, cancellationToken);
            failed += result.Outcome == ProcessingOutcome.Failed ? 1 : 0;
            await stdout.WriteLineAsync(options.Json
                ? JsonSerializer.Serialize(result, ProcessingJsonContext.Default.ProcessingResult)
                : FormatText(file, result));
        }

        return failed == 0 ? 0 : 1;
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

    private static string FormatText(string file, ProcessingResult result) =>
        $"{result.Outcome.ToString().ToLowerInvariant(),-9} {result.Handler ?? "-",-17} {file}{(result.Reason is null ? "" : "  " + result.Reason)}"
        + string.Concat(result.Effects.Select(effect => Environment.NewLine + "          ↳ " + EffectText.Describe(effect)))
        + string.Concat(result.AlreadyDone.Select(effect => Environment.NewLine + "          ↳ already done: " + EffectText.Describe(effect)));
}
