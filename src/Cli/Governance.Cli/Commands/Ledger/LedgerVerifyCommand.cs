using Amazon.DynamoDBv2;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Ledger;
using Governance.Core.Ledger;
using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Ledger;

/// <summary>
/// <c>governance ledger verify [--subject Type:Id] [--table NAME] [--endpoint URL] [--region REGION]</c>:
/// walks the hash chains and prints every broken, missing or reordered record. Exit 0 when every chain is
/// intact, 1 when a finding was printed, 2 on a usage or access error.
/// </summary>
public static class LedgerVerifyCommand
{
    public const string Help = """
        Usage: governance ledger verify [--subject Type:Id] [--table NAME] [--endpoint URL] [--region REGION]

        Verifies the ledger's hash chains: every record must hash to its stored hash, link to the hash of the
        record before it, follow it in sequence without gaps, and the chain head must name the last record.
        Prints one line per broken, missing or reordered record.

        Options:
          --subject Type:Id   verify one subject's chain (e.g. Endpoint:arn:aws:sagemaker:...:endpoint/churn);
                              without it every chain in the table is verified (reads the whole table)
          --table NAME        the ledger table (default: $GOVERNANCE_TABLE)
          --endpoint URL      DynamoDB endpoint (default: $AWS_ENDPOINT_URL, else AWS)
          --region REGION     AWS region (default: the SDK's region chain)
          -h, --help          show this help

        Exit status: 0 all chains intact, 1 findings printed, 2 usage or access error.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Any(arg => arg is "-h" or "--help"))
        {
            await stdout.WriteAsync(Help);
            return 0;
        }

        VerifyOptions options;
        try
        {
            options = VerifyOptions.Parse(args, settings);
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"governance ledger verify: {e.Message}");
            await stderr.WriteLineAsync("Try 'governance ledger verify --help'.");
            return 2;
        }

        try
        {
            using var dynamo = AwsContext.FromSettings(options.Setting).Sdk.DynamoDb();
            return await VerifyAsync(new DynamoDbLedgerChains(dynamo, options.Table), options.Subject, stdout, ct);
        }
        catch (AmazonDynamoDBException e)
        {
            await stderr.WriteLineAsync($"governance ledger verify: cannot read table {options.Table}: {e.Message}");
            return 2;
        }
        catch (HttpRequestException e)
        {
            await stderr.WriteLineAsync($"governance ledger verify: cannot reach DynamoDB: {e.Message}");
            return 2;
        }
    }

    /// <summary>Verifies one chain or all of them from any chain source; returns the exit status.</summary>
    public static async Task<int> VerifyAsync(ILedgerChains chains, NodeRef? subject, TextWriter stdout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(stdout);
        var chainCount = 0;
        var recordCount = 0;
        var findingCount = 0;

        async Task CheckAsync(StoredChain chain)
        {
            chainCount++;
            recordCount += chain.Records.Count;
            foreach (var finding in ChainVerifier.Verify(chain))
            {
                findingCount++;
                await stdout.WriteLineAsync(finding.ToString());
            }
        }

        if (subject is not null)
        {
            await CheckAsync(await chains.ReadChainAsync(subject, ct));
        }
        else
        {
            await foreach (var chain in chains.ReadAllChainsAsync(ct))
            {
                await CheckAsync(chain);
            }
        }

        await stdout.WriteLineAsync(findingCount == 0
            ? $"ledger intact: {chainCount} chain(s), {recordCount} record(s) verified"
            : $"ledger NOT intact: {findingCount} finding(s) in {chainCount} chain(s), {recordCount} record(s)");
        return findingCount == 0 ? 0 : 1;
    }

    /// <param name="Setting">The settings amended by the options (table, endpoint, region).</param>
    private sealed record VerifyOptions(NodeRef? Subject, string Table, Func<string, string?> Setting)
    {
        public static VerifyOptions Parse(IReadOnlyList<string> args, Func<string, string?> settings)
        {
            NodeRef? subject = null;
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i++)
            {
                var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"option {args[i]} needs a value");
                switch (args[i])
                {
                    case "--subject":
                        try
                        {
                            subject = NodeRef.Parse(value);
                        }
                        catch (FormatException e)
                        {
                            throw new ArgumentException(e.Message, e);
                        }

                        break;
                    case "--table":
                        given[SettingNames.Table] = value;
                        break;
                    case "--endpoint":
                        given[EndpointResolver.GlobalVariable] = value;
                        break;
                    case "--region":
                        given[SettingNames.Region] = value;
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{args[i]}'");
                }

                i++;
            }

            string? Setting(string name) => given.TryGetValue(name, out var value) ? value : settings(name);
            return Setting(SettingNames.Table) is { Length: > 0 } table && !string.IsNullOrWhiteSpace(table)
                ? new VerifyOptions(subject, table, Setting)
                : throw new ArgumentException($"no table: pass --table or set {SettingNames.Table}");
        }
    }
}
