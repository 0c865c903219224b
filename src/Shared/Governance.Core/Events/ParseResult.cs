namespace Governance.Core.Events;

/// <summary>What <see cref="Parsing.EventParser.Parse"/> returns: a <see cref="ParsedEvent"/> or a <see cref="RejectedEvent"/>.</summary>
public abstract record ParseResult;

/// <summary>An event the parser accepted. <see cref="Detail"/> is <see cref="UnrecognisedDetail"/> when <see cref="Kind"/> is Unrecognised.</summary>
public sealed record ParsedEvent(EventKind Kind, EventEnvelope Envelope, EventDetail Detail) : ParseResult;

/// <summary>
/// Input the parser refused, with a reason a person can act on (which field, what was wrong) and whatever
/// envelope values could be read before the problem.
/// </summary>
public sealed record RejectedEvent(string Reason, string? EventId, string? Source, string? DetailType) : ParseResult;
