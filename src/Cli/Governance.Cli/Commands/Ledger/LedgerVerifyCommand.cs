using Amazon.DynamoDBv2;
using Amazon.S3;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Ledger;
using Governance.Aws.S3;
using Governance.Core.Ledger;
using Governance.Core.Ledger.Anchoring;
using Governance.Core.Lineage;
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
        Usage: governance ledger verify [--subject Type:Id] [--table NAME] [--digest-bucket NAME] [--endpoint URL] [--region REGION]

        Verifies the ledger's hash chains: every record must hash to its stored hash, link to the hash of the
        record before it, follow it in sequence without gaps, and the chain head must name the last record.
        Prints one line per broken, missing or reordered record. Verifying every chain also checks the lineage
        evidence kept outside the chains (approvers and sources on nodes, deployment edges) against the chained
        records: a node attribute that disagrees with them (DISAGREES) or that no record states (UNBACKED) is printed.

        Options:
          --subject Type:Id   verify one subject's chain (e.g. Endpoint:arn:aws:sagemaker:...:endpoint/churn);
                              without it every chain in the table is verified (reads the whole table)
          --table NAME        the ledger table (default: $GOVERNANCE_TABLE)
          --digest-bucket NAME  also check every chain against the digests anchored in this Object Lock bucket
                              (default: $GOVERNANCE_DIGEST_BUCKET): a chain truncated, rewritten (records and
                              head together) or deleted since the last digest is reported
          --endpoint URL      DynamoDB endpoint (default: $AWS_ENDPOINT_URL, else AWS)
          --region REGION     AWS region (default: the SDK's region chain)
          -h, --help          show this help

        Exit status: 0 all chains intact, 1 findings printed, 2 usage or access error.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        if (await CommandUsage.ParseAsync("ledger verify", () => VerifyOptions.Parse(args, settings), stderr) is not { } options)
        {
            return CommandUsage.UsageError;
        }

        try
        {
            var aws = AwsContext.FromSettings(options.Setting);
            using var dynamo = aws.Sdk.DynamoDb();
            var chains = new DynamoDbLedgerChains(dynamo, options.Table);
            if (options.DigestBucket is null || options.Subject is not null)
            {
                return await VerifyAsync(chains, options.Subject, stdout, ct);
            }

            using var s3 = aws.Sdk.S3();
            return await VerifyAgainstDigestsAsync(chains, new S3DigestArchive(s3, options.DigestBucket), stdout, ct);
        }
        catch (AmazonS3Exception e)
        {
            await stderr.WriteLineAsync($"governance ledger verify: cannot read digest bucket {options.DigestBucket}: {e.Message}");
            return 2;
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
            var chain = await chains.ReadChainAsync(subject, ct);
            if (chain.Records.Count == 0 && chain.Head is null)
            {
                await stdout.WriteLineAsync($"no records for {subject}: nothing to verify (check the subject, the table and the region)");
                return 1;
            }

            await CheckAsync(chain);
            await stdout.WriteLineAsync(Summary(findingCount, chainCount, recordCount));
            return findingCount == 0 ? 0 : 1;
        }

        var evidence = new EvidenceVerifier();
        await foreach (var chain in chains.ReadAllChainsAsync(ct))
        {
            await CheckAsync(chain);
            evidence.Add(chain);
        }

        await stdout.WriteLineAsync(Summary(findingCount, chainCount, recordCount));
        var graph = await chains.ReadGraphAsync(ct);
        var unbacked = 0;
        foreach (var finding in graph.Nodes.SelectMany(evidence.Check).Concat(graph.Edges.SelectMany(evidence.Check)))
        {
            unbacked++;
            await stdout.WriteLineAsync(finding);
        }

        await stdout.WriteLineAsync(unbacked == 0
            ? $"lineage evidence backed: {graph.Nodes.Count} node(s), {graph.Edges.Count} edge(s) agree with the chains"
            : $"lineage evidence NOT backed: {unbacked} finding(s) in {graph.Nodes.Count} node(s), {graph.Edges.Count} edge(s)");
        return findingCount == 0 && unbacked == 0 ? 0 : 1;
    }

    private static string Summary(int findingCount, int chainCount, int recordCount) => findingCount == 0
        ? $"ledger intact: {chainCount} chain(s), {recordCount} record(s) verified"
        : $"ledger NOT intact: {findingCount} finding(s) in {chainCount} chain(s), {recordCount} record(s)";

    /// <summary>Verifies every chain and checks the table against the anchored digests; returns the exit status.</summary>
    public static async Task<int> VerifyAgainstDigestsAsync(ILedgerChains chains, IDigestArchive archive, TextWriter stdout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(stdout);
        var all = new Dictionary<NodeRef, StoredChain>();
        await foreach (var chain in chains.ReadAllChainsAsync(ct))
        {
            all[chain.Subject] = chain;
        }

        var status = await VerifyAsync(new ReadChains(all.Values, chains), null, stdout, ct);
        var archived = await archive.ReadAllAsync(ct);
        var findings = DigestVerifier.Verify(archived, all);
        foreach (var finding in findings)
        {
            await stdout.WriteLineAsync(finding);
        }

        await stdout.WriteLineAsync(findings.Count == 0
            ? $"digests intact: {archived.Count} digest(s); every chain holds the head the latest one anchored"
            : $"digests NOT matched: {findings.Count} finding(s) against {archived.Count} digest(s)");
        return findings.Count == 0 ? status : 1;
    }

    /// <summary>Chains already read, served again; the graph from the ledger they came from.</summary>
    private sealed class ReadChains(IEnumerable<StoredChain> chains, ILedgerChains ledger) : ILedgerChains
    {
        public Task<StoredChain> ReadChainAsync(NodeRef subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<StoredChain> ReadAllChainsAsync(CancellationToken cancellationToken) => chains.ToAsyncEnumerable();

        public Task<StoredGraph> ReadGraphAsync(CancellationToken cancellationToken) => ledger.ReadGraphAsync(cancellationToken);
    }

    /// <param name="Setting">The settings amended by the options (table, endpoint, region, digest bucket).</param>
    internal sealed record VerifyOptions(NodeRef? Subject, string Table, Func<string, string?> Setting)
    {
        public string? DigestBucket => Setting(SettingNames.DigestBucket)?.Trim() is { Length: > 0 } bucket ? bucket : null;

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
                    case "--digest-bucket":
                        given[SettingNames.DigestBucket] = value;
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
