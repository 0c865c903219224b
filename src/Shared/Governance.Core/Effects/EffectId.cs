namespace Governance.Core.Effects;

/// <summary>
/// The stable identity of one side effect: what caused it, what kind of effect it is and what it acts on. Every
/// delivery of the same event names its effects the same way, whatever else changed meanwhile (never a position in
/// a list), so a redelivery finds what an earlier one did.
/// </summary>
/// <remarks>
/// <see cref="Cause"/> is the id of the event the effect belongs to. An effect owed once per subject whatever the
/// event (the central copy of a team package) uses the subject as its cause (<see cref="PerSubject"/>).
/// </remarks>
public sealed record EffectId
{
    public EffectId(string cause, string kind, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(cause);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (kind.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"effect kind '{kind}' must not contain '#'", nameof(kind));
        }

        Cause = cause;
        Kind = kind;
        Subject = subject;
    }

    /// <summary>The event id (or, for <see cref="PerSubject"/> effects, the subject).</summary>
    public string Cause { get; }

    /// <summary>What the effect is, e.g. <c>artifact.copy</c>, <c>notify:model.submitted</c>, <c>RegistrySync</c>.</summary>
    public string Kind { get; }

    /// <summary>What it acts on: an ARN, a bucket key, a ledger subject.</summary>
    public string Subject { get; }

    /// <summary>An effect owed once per subject, whichever event asks for it.</summary>
    public static EffectId PerSubject(string kind, string subject) => new(subject, kind, subject);

    public override string ToString() => $"{Kind} of {Subject} (for {Cause})";
}
