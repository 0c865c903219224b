namespace Governance.Functions.Tests.Template;

public class TeamAccountTemplateTests
{
    [Fact]
    public async Task ReaderRole_ShouldTrustOnlyTheCentralRegistrySyncRole()
    {
        var template = await DeployedTemplate.LoadAsync("templates/team-account.yaml");

        var trust = template["Resources"]!["ReaderRole"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"].AsNodes().ToList();

        var statement = Assert.Single(trust);
        Assert.Equal("CentralRoleArn", (string?)statement["Principal"]!["AWS"]!["Ref"]);
        Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
    }

    [Fact]
    public async Task ReaderRole_ShouldOnlyReadNeverWrite()
    {
        var template = await DeployedTemplate.LoadAsync("templates/team-account.yaml");

        var actions = template["Resources"]!["ReaderRole"]!["Properties"]!["Policies"].AsNodes()
            .SelectMany(policy => policy["PolicyDocument"]!["Statement"].AsNodes())
            .SelectMany(statement => statement["Action"].AsNodes().Concat(statement["Fn::If"]?[1]?["Action"].AsNodes() ?? []))
            .Select(action => ((string?)action)!.Split(':')[1])
            .ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.Matches("^(Describe|List|Get|Decrypt)", action));
    }

    [Fact]
    public async Task Rules_ShouldForwardApprovalsButNotPendingOrRejectedPackages()
    {
        var template = await DeployedTemplate.LoadAsync("templates/team-account.yaml");

        var statuses = template["Resources"]!["ForwardModelApprovalsRule"]!["Properties"]!["EventPattern"]!["detail"]!["ModelApprovalStatus"]
            .AsNodes().Select(status => (string?)status).ToList();

        Assert.Equal(["Approved"], statuses);
    }
}
