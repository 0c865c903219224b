using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Ledger;
using Governance.Core.Effects;
using Governance.Handlers.Settings;
using Governance.Local;

namespace Governance.Throughput;

/// <summary>
/// The central account's resources the measured functions use, on the emulator, under names unique to this run
/// (provisioned by <see cref="OrganisationProvisioner"/>): the ledger table (also the effect claims and the
/// outbox), the notification topic, the model bucket and the routed deployment pipeline.
/// </summary>
public sealed class Organisation : IDisposable
{
    public const string CentralAccount = "123456789012";
    public const string Region = "us-east-1";
    public const string AccessKey = "testing";

    private Organisation(Uri endpoint, string suffix)
    {
        Endpoint = endpoint;
        Table = "throughput-ledger-" + suffix;
        ModelBucket = "throughput-models-" + suffix;
        var endpoints = new EndpointResolver(name => name == EndpointResolver.GlobalVariable ? endpoint.ToString() : null);
        Aws = new AwsContext(Region, endpoints, SharedHttpClient.Instance, TimeProvider.System, AwsRetryOptions.Default)
        {
            Credentials = new BasicAWSCredentials(AccessKey, AccessKey),
        };
        Dynamo = Aws.Sdk.DynamoDb();
    }

    public Uri Endpoint { get; }

    public string Table { get; }

    public string ModelBucket { get; }

    public string TopicArn { get; private set; } = string.Empty;

    public AwsContext Aws { get; }

    public IAmazonDynamoDB Dynamo { get; }

    public static async Task<Organisation> CreateAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var organisation = new Organisation(endpoint, Guid.NewGuid().ToString("N")[..10]);
        var central = await new OrganisationProvisioner(organisation.Aws).CentralAsync(
            new CentralAccountSpec(CentralAccount, organisation.Table, "throughput-" + organisation.Table[^10..], organisation.ModelBucket, "model-deployment"),
            cancellationToken,
            organisation.Dynamo);
        organisation.TopicArn = central.TopicArn;
        return organisation;
    }

    /// <summary>Records <paramref name="eventId"/> about <paramref name="subject"/> as already handled by <paramref name="handler"/>, as a first delivery would have.</summary>
    public async Task MarkHandledAsync(string eventId, string handler, string subject, CancellationToken cancellationToken)
    {
        var store = new DynamoDbEffectStore(Dynamo, Table, TimeProvider.System);
        var handling = new EffectId(eventId, handler, subject);
        var claim = await store.TryBeginAsync(handling, DateTimeOffset.UtcNow.AddMinutes(5), cancellationToken);
        var result = JsonSerializer.Serialize(
            new HandledEvent("handled by an earlier delivery", [new CentralPackageCreated(subject.Replace("111111111111", CentralAccount, StringComparison.Ordinal), subject)], []),
            EffectJsonContext.Default.HandledEvent);
        if (claim.Token is null || !await store.CompleteAsync(handling, claim.Token, result, cancellationToken))
        {
            throw new InvalidOperationException($"could not record {eventId} as handled: {claim.Status}");
        }
    }

    /// <summary>What every bootstrap of this organisation is started with (the handler and Runtime API are added per run).</summary>
    public Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString(),
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = AccessKey,
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        ["POWERTOOLS_SERVICE_NAME"] = "governance",
        ["POWERTOOLS_METRICS_NAMESPACE"] = "Governance",
        [SettingNames.CentralAccount] = CentralAccount,
        [SettingNames.Table] = Table,
        [SettingNames.TopicArn] = TopicArn,
        [SettingNames.ModelBucket] = ModelBucket,
        [SettingNames.ReaderRole] = "GovernanceModelReader",
    };

    public void Dispose() => Dynamo.Dispose();
}
