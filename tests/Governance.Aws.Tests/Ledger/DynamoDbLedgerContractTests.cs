using Governance.Aws.Ledger;
using Governance.Testing;
using Governance.Testing.Aws;
using Governance.Testing.Ledger;

namespace Governance.Aws.Tests.Ledger;

/// <summary>The ledger contract against the DynamoDB adapters the functions run on, on moto_server.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class DynamoDbLedgerContractTests(MotoServer moto) : LedgerContract, IDisposable
{
    private readonly RecordingDynamoDb _dynamo = new(moto.Endpoint);

    public void Dispose() => _dynamo.Dispose();

    protected override async Task<LedgerUnderTest> CreateAsync()
    {
        var table = MotoServer.UniqueName("contract");
        await LedgerTableDefinition.CreateAsync(_dynamo, table, CancellationToken.None);
        return new LedgerUnderTest(
            new DynamoDbLedgerWriter(_dynamo, table, Clock),
            new DynamoDbLedgerReader(_dynamo, table, PageTokenCodec.WithRandomKey()),
            new DynamoDbLedgerChains(_dynamo, table),
            new DynamoDbOutbox(_dynamo, table),
            new DynamoDbEffectStore(_dynamo, table, Clock));
    }
}
