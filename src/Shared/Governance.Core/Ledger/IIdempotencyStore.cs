namespace Governance.Core.Ledger;

public enum IdempotencyOutcome
{
    /// <summary>This invocation owns the event: act, then <see cref="IIdempotencyStore.CompleteAsync"/>.</summary>
    Acquired,

    /// <summary>The event was handled before: return <see cref="IdempotencyClaim.Result"/> without acting.</summary>
    AlreadyCompleted,

    /// <summary>Another invocation is handling it and its deadline has not passed: fail so the event is retried later.</summary>
    InProgress,
}

/// <summary>
/// The answer to <see cref="IIdempotencyStore.TryBeginAsync"/>. <see cref="Token"/> identifies this claim
/// (pass it back to complete or release); <see cref="Result"/> is the recorded result of a completed event.
/// </summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, string? Token, string? Result, DateTimeOffset? InProgressUntil);

/// <summary>
/// At-most-once handling per (event id, handler). A claim is IN_PROGRESS until the invocation's deadline, so a
/// crashed invocation's event can be claimed again once its deadline passes; a completed event keeps its
/// result until the record expires.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyClaim> TryBeginAsync(string eventId, string handler, DateTimeOffset deadline, CancellationToken cancellationToken);

    /// <summary>Records the result; false when the claim was lost (it expired and another invocation took it).</summary>
    Task<bool> CompleteAsync(string eventId, string handler, string token, string result, CancellationToken cancellationToken);

    /// <summary>Gives up a claim after a failure so a retry need not wait for the deadline.</summary>
    Task ReleaseAsync(string eventId, string handler, string token, CancellationToken cancellationToken);
}
