using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Governance.Aws.Ledger;
using Governance.Core.Ledger;
using Governance.Core.Lineage;

namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// The ledger the lineage commands read: table, endpoint, region and central account from the options or the
/// environment (<c>GOVERNANCE_TABLE</c>, <c>AWS_ENDPOINT_URL</c>, <c>AWS_REGION</c>, <c>GOVERNANCE_CENTRAL_ACCOUNT</c>).
/// The commands read with the operator's own AWS credentials, so they see what IAM lets them read.
/// </summary>
internal sealed class LineageConnection : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamo;

    private LineageConnection(AmazonDynamoDBClient dynamo, string table, LineageLocation location)
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
        var table = options.Value("--table") ?? Environment.GetEnvironmentVariable("GOVERNANCE_TABLE")
            ?? throw new ArgumentException("no ledger table: pass --table or set GOVERNANCE_TABLE");
        var central = options.Value("--central-account") ?? Environment.GetEnvironmentVariable("GOVERNANCE_CENTRAL_ACCOUNT")
            ?? throw new ArgumentException("no central account: pass --central-account or set GOVERNANCE_CENTRAL_ACCOUNT");
        var region = options.Value("--region") ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")
            ?? throw new ArgumentException("no region: pass --region or set AWS_REGION");
        var endpoint = options.Value("--endpoint") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        var location = new LineageLocation(central, region);
        var config = new AmazonDynamoDBConfig();
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        return new LineageConnection(new AmazonDynamoDBClient(config), table, location);
    }

    /// <summary>The query API over this ledger with the given scoping and a key that lives as long as the process.</summary>
    public LineageApi Api(ScopingPolicy scoping) =>
        new(Service, scoping, new ScopedPageTokens(RandomNumberGenerator.GetBytes(ScopedPageTokens.MinimumKeyBytes)));

    public void Dispose() => _dynamo.Dispose();
}
