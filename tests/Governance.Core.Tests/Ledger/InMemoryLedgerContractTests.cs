using Governance.Local.Ports;
using Governance.Testing.Ledger;

namespace Governance.Core.Tests.Ledger;

/// <summary>The ledger contract against the in-memory fake the handler tests run on.</summary>
public sealed class InMemoryLedgerContractTests : LedgerContract
{
    protected override Task<LedgerUnderTest> CreateAsync()
    {
        var ledger = new InMemoryLedger(Clock);
        return Task.FromResult(new LedgerUnderTest(ledger, ledger, ledger, ledger, new InMemoryEffectStore(Clock)));
    }
}
