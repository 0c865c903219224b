using Governance.Core.Ledger;
using Governance.Core.Lineage;

namespace Governance.Core.Tests.Lineage;

public sealed class ScopedPageTokensTests
{
    private static readonly ScopedPageTokens Tokens = new(ScopedPageTokens.DeriveKey(new byte[32], "test"));
    private static readonly CallerScope Credit = CallerScope.Accounts("a", ["111122223333"], ["credit"]);
    private static readonly CallerScope Fraud = CallerScope.Accounts("b", ["444455556666"], ["fraud"]);

    [Fact]
    public void Open_WithTheSameQueryAndScope_ShouldReturnTheLedgerToken()
    {
        var sealedToken = Tokens.Seal("violations/", Credit, "ledger.token");

        Assert.Equal("ledger.token", Tokens.Open("violations/", CallerScope.Accounts("c", ["111122223333"], ["credit"]), sealedToken));
        Assert.Null(Tokens.Seal("violations/", Credit, null));
    }

    [Fact]
    public void Open_WithAnotherScopeQueryOrAlteredToken_ShouldThrow()
    {
        var sealedToken = Tokens.Seal("violations/", Credit, "ledger.token")!;
        var altered = "bGVkZ2VyLnRva2Vu" + sealedToken[sealedToken.IndexOf('~', StringComparison.Ordinal)..] + "A";

        Assert.Throws<InvalidPageTokenException>(() => Tokens.Open("violations/", Fraud, sealedToken));
        Assert.Throws<InvalidPageTokenException>(() => Tokens.Open("violations/", CallerScope.Everything("m"), sealedToken));
        Assert.Throws<InvalidPageTokenException>(() => Tokens.Open("audit/", Credit, sealedToken));
        Assert.Throws<InvalidPageTokenException>(() => Tokens.Open("violations/", Credit, altered));
        Assert.Throws<InvalidPageTokenException>(() => Tokens.Open("violations/", Credit, "garbage"));
        Assert.Throws<InvalidPageTokenException>(() => new ScopedPageTokens(ScopedPageTokens.DeriveKey(new byte[32], "other")).Open("violations/", Credit, sealedToken));
    }
}
