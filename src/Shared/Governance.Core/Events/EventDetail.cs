namespace Governance.Core.Events;

/// <summary>Typed detail of an event; the raw detail stays on <see cref="EventEnvelope.Detail"/>.</summary>
public abstract record EventDetail;

/// <summary>Detail of an event whose kind the service does not know; only the raw detail is kept.</summary>
public sealed record UnrecognisedDetail : EventDetail
{
    public static UnrecognisedDetail Instance { get; } = new();
}
