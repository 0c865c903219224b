using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Governance.Aws;
using Governance.Aws.Ledger;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// The ledger the lineage commands read: table, central account, region and endpoint from the options or the
/// settings (<c>GOVERNANCE_TABLE</c>, <c>GOVERNANCE_CENTRAL_ACCOUNT</c>, <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL</c>),
/// through the functions' client factory and adapters. The commands read with the operator's own AWS
/// credentials, so they see what IAM lets them read.
/// </summary>
internal sealed class LineageConnection : IDisposable
{
    private readonly IAmazonDynamoDB _dynamo;

    private LineageConnection(IAmazonDynamoDB dynamo, string table, LineageLocation location)
    {
        _dynamo = dynamo;
        Table = table;
        Location = location;
        var reader = new DynamoDbLedgerReader(dynamo, table, PageTokenCodec.WithRandomKey());
        Reader = reader;
        Service = new LineageService(reader, location, reader);
    }

    public string Table { get; }

    public LineageLocation Location { get; }

    public ILedgerReader Reader { get; }

    public LineageService Service { get; }

    /// <exception cref="ArgumentException">A required setting is missing or malformed.</exception>
    public static LineageConnection Open(LineageCliOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var table = options.Setting(SettingNames.Table) ?? throw new ArgumentException($"no ledger table: pass --table or set {SettingNames.Table}");
        var central = options.Setting(SettingNames.CentralAccount)
            ?? throw new ArgumentException($"no central account: pass --central-account or set {SettingNames.CentralAccount}");
        var region = options.Setting(SettingNames.Region) ?? options.Setting("AWS_DEFAULT_REGION")
            ?? throw new ArgumentException($"no region: pass --region or set {SettingNames.Region}");
        var location = new LineageLocation(central, region);
        return new LineageConnection(AwsContext.FromSettings(options.Setting).Sdk.DynamoDb(), table, location);
    }

    /// <summary>The query API over this ledger with the given scoping and a key that lives as long as the process.</summary>
    public LineageApi Api(ScopingPolicy scoping) =>
        new(Service, scoping, new ScopedPageTokens(RandomNumberGenerator.GetBytes(ScopedPageTokens.MinimumKeyBytes)));

    public void Dispose() => _dynamo.Dispose();
}
