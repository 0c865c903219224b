using Amazon.DynamoDBv2;
using Governance.Aws;
using Governance.Aws.Ledger;

namespace Governance.Cli.Commands.Ledger;

/// <summary>
/// <c>governance ledger backfill [--table NAME] [--endpoint URL] [--region REGION]</c>: brings items written before
/// scoped queries existed to the keys they read (<see cref="LedgerBackfill"/>). Exit 0 done, 2 on an error.
/// </summary>
public static class LedgerBackfillCommand
{
    public const string Help = """
        Usage: governance ledger backfill [--table NAME] [--endpoint URL] [--region REGION]

        Run once after upgrading a ledger written by a version before scoped queries: copies each S3 location entry
        into its account's own partition and keys each open violation by its account, so a team's queries read
        only its own items. Idempotent (a second run changes nothing) and safe while the functions run. Reads the
        whole table once (a Scan); needs dynamodb:Scan, dynamodb:PutItem and dynamodb:UpdateItem on the table.

        Options: as for `governance ledger verify` (--table defaults to $GOVERNANCE_TABLE).
        Exit status: 0 done, 2 usage or access error.
        """;

    /// <param name="settings">Where the table, region and endpoint are read (amended by the options).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        if (await CommandUsage.ParseAsync("ledger backfill", () => LedgerVerifyCommand.VerifyOptions.Parse(args, settings), stderr) is not { } options)
        {
            return CommandUsage.UsageError;
        }

        try
        {
            using var dynamo = AwsContext.FromSettings(options.Setting).Sdk.DynamoDb();
            var result = await new LedgerBackfill(dynamo, options.Table).RunAsync(ct);
            await stdout.WriteLineAsync(
                $"ledger {options.Table}: read {result.ItemsRead} location and violation item(s); copied {result.LocationsCopied} location entr{(result.LocationsCopied == 1 ? "y" : "ies")} into their account's partition, re-keyed {result.ViolationsRekeyed} open violation(s)");
            return 0;
        }
        catch (Exception e) when (e is AmazonDynamoDBException or HttpRequestException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"governance ledger backfill: {e.Message}");
            return 2;
        }
    }
}
