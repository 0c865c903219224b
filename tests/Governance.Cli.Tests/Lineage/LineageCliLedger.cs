using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Governance.Aws.Ledger;
using Governance.Local.Ports;
using Governance.Testing;

namespace Governance.Cli.Tests.Lineage;

/// <summary>The demo lineage seeded once per moto server, and the connection options that point the commands at it.</summary>
internal static class LineageCliLedger
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<Uri, string> Tables = [];

    /// <summary>The commands read with the SDK's default credential chain; moto accepts any key.</summary>
    public static void UseMotoCredentials()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? MotoServer.AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? MotoServer.SecretAccessKey);
    }

    public static async Task<string[]> ConnectionAsync(MotoServer moto)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Tables.TryGetValue(moto.Endpoint, out var table))
            {
                using var dynamo = new AmazonDynamoDBClient(
                    new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
                    new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });
                table = MotoServer.UniqueName("lineage-cli");
                await LedgerTableDefinition.CreateAsync(dynamo, table, CancellationToken.None);
                await LineageDemoLedger.SeedAsync(new DynamoDbLedgerWriter(dynamo, table, TimeProvider.System), CancellationToken.None);
                Tables[moto.Endpoint] = table;
            }

            return ["--table", table, "--endpoint", moto.Endpoint.ToString(), "--region", LineageDemoLedger.Region, "--central-account", LineageDemoLedger.CentralAccount];
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        UseMotoCredentials();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
