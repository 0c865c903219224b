using Governance.Aws.Ledger;
using Governance.Core.Effects;
using Governance.Core.Flows;
using Governance.Testing;
using Governance.Testing.Aws;

namespace Governance.Aws.Tests.Ledger;

/// <summary>A fresh ledger table on moto_server with the adapters wired to it.</summary>
internal sealed class LedgerTestTable : IDisposable
{
    private LedgerTestTable(RecordingDynamoDb dynamo, string name)
    {
        Dynamo = dynamo;
        Name = name;
        Tokens = PageTokenCodec.WithRandomKey();
        Writer = new DynamoDbLedgerWriter(dynamo, name, TimeProvider.System);
        Reader = new DynamoDbLedgerReader(dynamo, name, Tokens);
        Chains = new DynamoDbLedgerChains(dynamo, name);
        Claims = new DynamoDbEffectStore(dynamo, name, TimeProvider.System);
        Outbox = new DynamoDbOutbox(dynamo, name);
    }

    public RecordingDynamoDb Dynamo { get; }

    public string Name { get; }

    public PageTokenCodec Tokens { get; }

    public DynamoDbLedgerWriter Writer { get; }

    public DynamoDbLedgerReader Reader { get; }

    public DynamoDbLedgerChains Chains { get; }

    public DynamoDbEffectStore Claims { get; }

    public DynamoDbOutbox Outbox { get; }

    /// <summary>The effect ledger over this table, publishing to <paramref name="notifier"/>.</summary>
    public EffectLedger Effects(INotifier notifier) => new(Writer, Claims, Outbox, notifier, TimeProvider.System);

    public static async Task<LedgerTestTable> CreateAsync(MotoServer moto)
    {
        var dynamo = new RecordingDynamoDb(moto.Endpoint);
        var name = MotoServer.UniqueName("ledger");
        await LedgerTableDefinition.CreateAsync(dynamo, name, CancellationToken.None);
        return new LedgerTestTable(dynamo, name);
    }

    public void Dispose() => Dynamo.Dispose();
}
