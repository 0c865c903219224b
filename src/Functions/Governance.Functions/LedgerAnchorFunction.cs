using System.Text;
using System.Text.Json;
using Governance.Aws;
using Governance.Aws.Ledger;
using Governance.Aws.S3;
using Governance.Core.Ledger.Anchoring;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Governance.Hosting.Metrics;

namespace Governance.Functions;

/// <summary>
/// The scheduled (and on-demand) anchoring of the ledger: whatever the payload, writes the next digest of every
/// chain head to the Object Lock bucket and answers <c>{"digest": n, "hash", "heads"}</c>. Counts outcome
/// <c>anchored</c>, which the LedgerDigestMissingAlarm watches.
/// </summary>
public sealed class LedgerAnchorFunction(LedgerAnchoring anchoring, ILogger logger, IMetrics metrics) : IFunctionHandler
{
    public const string DigestBucketVariable = "GOVERNANCE_DIGEST_BUCKET";
    public const string AnchoredOutcome = "anchored";

    /// <summary>The AWS adapters: the ledger table's Heads index and the digest bucket from the settings.</summary>
    public static LedgerAnchorFunction Create(FunctionSettings settings, AwsSdkClients sdk, ILogger logger, IMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sdk);
        var table = FunctionSettings.Require(settings.Table, FunctionSettings.TableVariable, "LedgerAnchor", "the ledger table");
        var bucket = FunctionSettings.Require(settings.DigestBucket, DigestBucketVariable, "LedgerAnchor", "the Object Lock digest bucket");
        var anchoring = new LedgerAnchoring(new DynamoDbLedgerHeads(sdk.DynamoDb(), table), new S3DigestArchive(sdk.S3(), bucket), TimeProvider.System);
        return new LedgerAnchorFunction(anchoring, logger, metrics);
    }

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
