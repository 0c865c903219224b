using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Processing;

namespace Governance.Core.Flows;

/// <summary>
/// A model package approval event as the flows take it.
/// </summary>
/// <param name="EventId">The EventBridge event id: the idempotency key and the ledger's event id.</param>
/// <param name="Change">The typed detail.</param>
/// <param name="EventTags">The package's tags as the event carried them (<c>detail.Tags</c>); empty when absent.</param>
/// <param name="OccurredAt">The event's time.</param>
/// <param name="Detail">The raw detail (the package as SageMaker described it when the event was sent).</param>
/// <param name="Deadline">The invocation's deadline: claims taken for this event expire then.</param>
public sealed record FlowEvent(
    string EventId,
    ModelPackageStateChange Change,
    IReadOnlyDictionary<string, string> EventTags,
    DateTimeOffset OccurredAt,
    System.Text.Json.JsonElement Detail,
    DateTimeOffset Deadline)
{
    /// <summary>Who changed the approval status, as the event tells it (IAM identity, else Studio user).</summary>
    public string? Approver => Change.LastModifiedBy is { } user ? user.IamIdentityArn ?? user.UserProfileName ?? user.UserProfileArn : null;

    /// <summary>Builds the flow's view of a parsed model package event.</summary>
    public static FlowEvent From(ParsedEvent parsed, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var change = parsed.Detail as ModelPackageStateChange
            ?? throw new ArgumentException("the event is not a model package state change", nameof(parsed));
        var id = parsed.Envelope.Id ?? throw new ArgumentException("the event has no id", nameof(parsed));
        return new FlowEvent(id, change, ReadTags(parsed.Envelope.Detail), parsed.Envelope.Time ?? change.LastModifiedTime ?? deadline, parsed.Envelope.Detail, deadline);
    }

    /// <summary>Runs a flow for a routed model package event; any other event is ignored with the reason.</summary>
    internal static async Task<ProcessingResult> HandleAsync(
        ParsedEvent parsedEvent, DateTimeOffset deadline, string handler, Func<FlowEvent, CancellationToken, Task<HandledEvent>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        return parsedEvent.Detail is ModelPackageStateChange && parsedEvent.Envelope.Id is not null
            ? ProcessingResults.Processed(parsedEvent, handler, await run(From(parsedEvent, deadline), cancellationToken))
            : ProcessingResults.Ignored(parsedEvent, handler, "not a model package state change with an event id");
    }

    /// <summary>
    /// Runs <paramref name="work"/> once for this event and <paramref name="subject"/> (one claim through
    /// <paramref name="effects"/>), tracking the step it is in; whatever it throws becomes the invocation's
    /// <see cref="FlowFailedException"/> naming that step, after <paramref name="failed"/> (step, failure, cause) saw it.
    /// </summary>
    internal async Task<HandledEvent> RunOnceAsync(
        EffectLedger effects,
        string handler,
        NodeRef subject,
        Func<EffectScope, Action<string>, CancellationToken, Task<string>> work,
        Func<string, FlowFailedException, Exception, Task>? failed,
        CancellationToken cancellationToken)
    {
        var step = FlowSteps.Claim;
        try
        {
            return await effects.HandleOnceAsync(
                new EffectId(EventId, handler, subject.Id), Deadline, (scope, token) => work(scope, next => step = next, token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = FlowFailedException.At(handler, subject.Id, EventId, step, exception);
            if (failed is not null)
            {
                await failed(step, failure, exception).ConfigureAwait(false);
            }

            throw failure;
        }
    }

    /// <summary><c>detail.Tags</c>: AWS sends a map; a list of Key/Value pairs is accepted too.</summary>
    private static Dictionary<string, string> ReadTags(System.Text.Json.JsonElement detail)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (detail.ValueKind != System.Text.Json.JsonValueKind.Object || !detail.TryGetProperty("Tags", out var element))
        {
            return tags;
        }

        if (element.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var tag in element.EnumerateObject())
            {
                if (tag.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    tags[tag.Name] = tag.Value.GetString()!;
                }
            }
        }
        else if (element.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var tag in element.EnumerateArray())
            {
                if (tag.ValueKind == System.Text.Json.JsonValueKind.Object
                    && tag.TryGetProperty("Key", out var key) && key.ValueKind == System.Text.Json.JsonValueKind.String
                    && tag.TryGetProperty("Value", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    tags[key.GetString()!] = value.GetString()!;
                }
            }
        }

        return tags;
    }
}

/// <summary>The steps every flow shares.</summary>
internal static class FlowSteps
{
    /// <summary>Claiming the event's handling: nothing of the flow has run yet.</summary>
    public const string Claim = "claim";
}
