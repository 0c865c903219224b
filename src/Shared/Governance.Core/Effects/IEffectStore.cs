namespace Governance.Core.Effects;

public enum EffectClaimStatus
{
    /// <summary>This invocation owns the effect: do it, then <see cref="IEffectStore.CompleteAsync"/>.</summary>
    Acquired,

    /// <summary>Done before: <see cref="EffectClaim.Result"/> holds the recorded result.</summary>
    AlreadyCompleted,

    /// <summary>Another invocation is doing it and its deadline has not passed: fail so the event is delivered again later.</summary>
    InProgress,
}

/// <summary>
/// The answer to <see cref="IEffectStore.TryBeginAsync"/>: <see cref="Token"/> identifies an acquired claim (pass it
/// back to complete or release); <see cref="Result"/> is the recorded result (JSON) of a completed effect.
/// </summary>
public sealed record EffectClaim(EffectClaimStatus Status, string? Token, string? Result, DateTimeOffset? InProgressUntil);

/// <summary>
/// Claims on effects outside the ledger (a copy, a package, a pipeline start, the handling of an event as a whole),
/// one per <see cref="EffectId"/>. A claim is in progress until the invocation's deadline, so a crashed invocation's
/// effect can be claimed again once its deadline passes; a completed effect keeps its result until the record expires.
/// </summary>
public interface IEffectStore
{
    Task<EffectClaim> TryBeginAsync(EffectId id, DateTimeOffset deadline, CancellationToken cancellationToken);

    /// <summary>Records the result; false when the claim was lost (it expired and another invocation took it).</summary>
    Task<bool> CompleteAsync(EffectId id, string token, string result, CancellationToken cancellationToken);

    /// <summary>Gives up a claim after a failure so a redelivery need not wait for the deadline.</summary>
    Task ReleaseAsync(EffectId id, string token, CancellationToken cancellationToken);
}
