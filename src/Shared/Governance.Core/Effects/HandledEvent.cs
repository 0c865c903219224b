namespace Governance.Core.Effects;

/// <summary>
/// What handling one event came to: why, what this delivery did, and what it found done by an earlier one. A
/// duplicate delivery answers the recorded outcome with <see cref="Replayed"/> set: everything it lists is in
/// <see cref="AlreadyDone"/>, except notifications it published now because they were still pending.
/// </summary>
public sealed record HandledEvent(string Reason, IReadOnlyList<Effect> Effects, IReadOnlyList<Effect> AlreadyDone)
{
    public bool Replayed { get; init; }
}
