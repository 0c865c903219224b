using Amazon.DynamoDBv2;
using Amazon.S3;
using Governance.Aws;
using Governance.Handlers.Composition;
using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Ledger;

/// <summary>
/// <c>governance ledger anchor [--table NAME] [--digest-bucket NAME] [--endpoint URL] [--region REGION]</c>: writes the
/// next digest of every chain head now, as the scheduled LedgerAnchor function does. Exit 0 done, 2 on an error.
/// </summary>
public static class LedgerAnchorCommand
{
    public const string Help = """
        Usage: governance ledger anchor [--table NAME] [--digest-bucket NAME] [--endpoint URL] [--region REGION]

        Anchors the ledger now: writes a digest of every chain head (their Merkle root, linked to the previous
        digest's hash) to the Object Lock bucket, as the scheduled LedgerAnchor function does every hour.

        Options: as for `governance ledger verify` (--digest-bucket defaults to $GOVERNANCE_DIGEST_BUCKET).
        Exit status: 0 anchored, 2 usage or access error.
        """;

    /// <param name="settings">Where the table, digest bucket, region and endpoint are read (amended by the options).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        var options = await CommandUsage.ParseAsync("ledger anchor", () => LedgerVerifyCommand.VerifyOptions.Parse(args, settings), stderr);
        if (options is null || await CommandUsage.ParseAsync("ledger anchor", () => LedgerAnchorOptions.Read(options.Setting), stderr) is not { } anchor)
        {
            return CommandUsage.UsageError;
        }

        try
        {
            // The same composition as the LedgerAnchor function's.
            var anchoring = new AwsPortFactory(AwsContext.FromSettings(options.Setting)).Anchoring(anchor);
            var digest = await anchoring.AnchorAsync(ct);
            await stdout.WriteLineAsync($"anchored digest #{digest.Number} of {digest.Heads.Count} chain head(s) in s3://{anchor.DigestBucket}/{digest.Key}: {digest.Hash}");
            return 0;
        }
        catch (Exception e) when (e is AmazonDynamoDBException or AmazonS3Exception or HttpRequestException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"governance ledger anchor: {e.Message}");
            return 2;
        }
    }
}
