using Governance.Core.Lineage;
using Governance.Local.Lambda;

namespace Governance.Core.Tests.Lineage;

public sealed class ScopingPolicyTests
{
    private const string Document = """
        {
          "riskManagers": ["arn:aws:iam::123456789012:role/model-risk-manager", "arn:aws:iam::123456789012:role/auditor-*"],
          "teams": [
            { "name": "credit", "accounts": ["111122223333"], "principals": ["arn:aws:iam::111122223333:role/teams/ml-lead"] },
            { "name": "fraud", "accounts": ["444455556666"], "principals": ["arn:aws:iam::111122223333:role/ml-lead", "arn:aws:iam::444455556666:user/kim"] }
          ]
        }
        """;

    private static readonly ScopingPolicy Policy = ScopingPolicy.Parse(Document);

    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/model-risk-manager/alex")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/auditor-external/firm")]
    [InlineData("arn:aws:iam::123456789012:role/model-risk-manager")]
    public void Resolve_RiskManager_ShouldSeeEveryAccount(string arn)
    {
        var scope = Policy.Resolve(new CallerIdentity(arn, "123456789012", null));

        Assert.NotNull(scope);
        Assert.True(scope.SeesEverything);
        Assert.True(scope.Allows(null));
    }

    [Fact]
    public void Resolve_MemberOfTwoTeams_ShouldSeeBothTeamsAccountsAndNothingElse()
    {
        var scope = Policy.Resolve(new CallerIdentity("arn:aws:sts::111122223333:assumed-role/ml-lead/jane", "111122223333", null));

        Assert.NotNull(scope);
        Assert.Equal(["credit", "fraud"], scope.Teams);
        Assert.True(scope.Allows("111122223333"));
        Assert.True(scope.Allows("444455556666"));
        Assert.False(scope.Allows("123456789012"));
        Assert.False(scope.Allows(null));
        Assert.Equal("accounts:111122223333,444455556666", scope.Fingerprint);
    }

    [Theory]
    [InlineData("arn:aws:sts::111122223333:assumed-role/data-scientist/bob")]
    [InlineData("arn:aws:sts::999999999999:assumed-role/model-risk-manager/alex")]
    [InlineData("arn:aws:iam::123456789012:role/auditor")]
    [InlineData("arn:aws:iam::444455556666:user/kimberly")]
    [InlineData("not an arn")]
    [InlineData(null)]
    public void Resolve_UnknownCaller_ShouldBeRefused(string? arn) =>
        Assert.Null(Policy.Resolve(new CallerIdentity(arn, null, null)));

    [Theory]
    [InlineData("""{"riskManagers":["model-risk-manager"],"teams":[]}""")]
    [InlineData("""{"riskManagers":[],"teams":[{"name":"x","accounts":["1234"],"principals":[]}]}""")]
    [InlineData("""{"riskManagers":[],"teams":[],"extra":1}""")]
    [InlineData("""[]""")]
    public void Parse_InvalidDocument_ShouldSayWhatIsWrong(string json)
    {
        var error = Assert.Throws<FormatException>(() => ScopingPolicy.Parse(json));

        Assert.StartsWith("the scoping document is not valid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/risk/*")]
    [InlineData("arn:aws:iam::111122223333:role/risk/analyst-*")]
    [InlineData("arn:aws:iam::111122223333:role/*/analyst")]
    [InlineData("arn:aws:iam::111122223333:user/division/*")]
    public void Parse_PrincipalWithAPathAndAWildcard_ShouldBeRefusedSayingWhy(string principal)
    {
        var json = $$"""{"riskManagers":[],"teams":[{"name":"risk","accounts":["111122223333"],"principals":["{{principal}}"]}]}""";

        var error = Assert.Throws<FormatException>(() => ScopingPolicy.Parse(json));

        Assert.Contains(principal, error.Message, StringComparison.Ordinal);
        Assert.Contains("path", error.Message, StringComparison.Ordinal);
        Assert.Contains("every role", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:sts::111122223333:assumed-role/risk-analyst/jane", true)]
    [InlineData("arn:aws:iam::111122223333:role/risk/risk-analyst", true)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/risk-analyst-2/jane", false)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/admin/jane", false)]
    [InlineData("arn:aws:sts::444455556666:assumed-role/risk-analyst/jane", false)]
    public void Resolve_PathedRoleWithoutWildcard_ShouldMatchThatRoleOnly(string caller, bool member)
    {
        var policy = ScopingPolicy.Parse("""
            {"riskManagers":[],"teams":[{"name":"risk","accounts":["111122223333"],"principals":["arn:aws:iam::111122223333:role/risk/risk-analyst"]}]}
            """);

        Assert.Equal(member, policy.Resolve(new CallerIdentity(caller, null, null)) is not null);
    }

    [Theory]
    [InlineData("arn:aws:sts::111122223333:assumed-role/risk-analyst/jane", true)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/risk-reviewer/kim", true)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/admin/jane", false)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/credit-risk-analyst/jane", false)]
    public void Resolve_NamePrefixWildcard_ShouldMatchOnlyRolesWithThatPrefix(string caller, bool member)
    {
        var policy = ScopingPolicy.Parse("""
            {"riskManagers":[],"teams":[{"name":"risk","accounts":["111122223333"],"principals":["arn:aws:iam::111122223333:role/risk-*"]}]}
            """);

        Assert.Equal(member, policy.Resolve(new CallerIdentity(caller, null, null)) is not null);
    }

    [Fact]
    public void Parse_ShippedConfiguration_ShouldLoad()
    {
        var json = File.ReadAllText(Governance.Local.Lambda.RepositoryRoot.Combine("config", "scoping.json"));

        var policy = ScopingPolicy.Parse(json);

        Assert.True(policy.Resolve(new CallerIdentity("arn:aws:sts::123456789012:assumed-role/model-risk-manager/a", null, null))?.SeesEverything);
    }
}
