using System.Globalization;
using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Routing;

namespace Governance.Core.Processing;

/// <summary>Builds <see cref="ProcessingResult"/>s from parse and route results.</summary>
public static class ProcessingResults
{
    /// <summary>
    /// Longest text a result echoes from an event: a result is the invocation's response, and Lambda refuses
    /// responses over 6 MB, so an event with a huge field must not be echoed whole.
    /// </summary>
    public const int MaxEchoedLength = 2048;

    public static ProcessingResult Rejected(RejectedEvent rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return new(rejected.EventId, rejected.Source, rejected.DetailType, null, ProcessingOutcome.Rejected, rejected.Reason, []);
    }

    public static ProcessingResult Ignored(ParsedEvent parsed, RouteDecision decision)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(decision);
        return Create(parsed, null, ProcessingOutcome.Ignored, decision.Reason, []);
    }

    /// <summary>For a handler that receives an event not its business (a misrouted rule, a replay).</summary>
    public static ProcessingResult Ignored(ParsedEvent parsed, string handler, string reason) =>
        Create(parsed, handler, ProcessingOutcome.Ignored, reason, []);

    /// <summary>An event handled through the effect ledger: its reason, what it did and what it found done.</summary>
    public static ProcessingResult Processed(ParsedEvent parsed, string handler, HandledEvent handled)
    {
        ArgumentNullException.ThrowIfNull(handled);
        return Create(parsed, handler, ProcessingOutcome.Processed, handled.Reason, handled.Effects) with { AlreadyDone = handled.AlreadyDone };
    }

    public static ProcessingResult Failed(ParsedEvent parsed, string handler, string reason) =>
        Create(parsed, handler, ProcessingOutcome.Failed, reason, []);

    /// <summary>
    /// The result when nothing was processed: a rejection for a <see cref="RejectedEvent"/>, an ignore when the
    /// router ignores the event, else null (the event has a handler to run).
    /// </summary>
    public static ProcessingResult? Unprocessed(ParseResult result, EventRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        return result switch
        {
            RejectedEvent rejected => Rejected(rejected),
            ParsedEvent parsed when router.Route(parsed) is { IsIgnored: true } decision => Ignored(parsed, decision),
            _ => null,
        };
    }

    private static ProcessingResult Create(ParsedEvent parsed, string? handler, ProcessingOutcome outcome, string? reason, IReadOnlyList<Effect> effects)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var envelope = parsed.Envelope;
        return new(Clip(envelope.Id), Clip(envelope.Source), Clip(envelope.DetailType), handler, outcome, Clip(reason), effects);
    }

    private static string? Clip(string? text) => text is { Length: > MaxEchoedLength }
        ? string.Concat(text.AsSpan(0, MaxEchoedLength), "... (", text.Length.ToString(CultureInfo.InvariantCulture), " characters)")
        : text;
}
