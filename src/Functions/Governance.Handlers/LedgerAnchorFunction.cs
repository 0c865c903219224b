using System.Text.Json;
using Governance.Core.Ledger.Anchoring;
using Governance.Hosting;
using Governance.Hosting.Metrics;
using Microsoft.Extensions.Logging;

namespace Governance.Handlers;

/// <summary>
/// The scheduled (and on-demand) anchoring of the ledger: whatever the payload, writes the next digest of every
/// chain head to the Object Lock bucket and answers <c>{"digest": n, "hash", "heads"}</c>. Counts outcome
/// <c>anchored</c>, which the LedgerDigestMissingAlarm watches.
/// </summary>
public sealed class LedgerAnchorFunction(LedgerAnchoring anchoring, ILogger logger, IMetrics metrics) : IFunctionHandler
{
    public const string AnchoredOutcome = "anchored";

    public async Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        var digest = await anchoring.AnchorAsync(cancellationToken);
        var heads = digest.Heads.Count;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Anchored digest {Number} of {Heads} chain heads: {Hash}", digest.Number, heads, digest.Hash);
        }

        metrics.AddOutcome(AnchoredOutcome);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("digest", digest.Number);
            json.WriteString("hash", digest.Hash);
            json.WriteNumber("heads", heads);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
