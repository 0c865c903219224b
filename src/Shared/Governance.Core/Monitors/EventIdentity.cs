using System.Security.Cryptography;
using System.Text;
using Governance.Core.Events;

namespace Governance.Core.Monitors;

/// <summary>
/// The id an event is recorded under. CodeStar "processed" events carry no id, so theirs is derived from their
/// content: a redelivery of the same event gets the same id and the ledger keeps it once.
/// </summary>
public static class EventIdentity
{
    public const string SyntheticPrefix = "content-sha256:";

    public static string Of(ParsedEvent parsedEvent)
    {
        ArgumentNullException.ThrowIfNull(parsedEvent);
        var envelope = parsedEvent.Envelope;
        return envelope.Id is { Length: > 0 } id ? id : Synthetic(envelope);
    }

    public static string Synthetic(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var text = string.Join(
            '\n',
            envelope.Source,
            envelope.DetailType,
            envelope.Time is { } time ? Ledger.LedgerTime.Format(time) : string.Empty,
            envelope.Detail.GetRawText());
        return SyntheticPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
