using Governance.Core.Events;
using Governance.Core.Monitors;
using Governance.Core.Notifications;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Monitors;

public class MonitorSettingsTests
{
    private static MonitorSettings Repository() =>
        MonitorSettingsLoader.Load(File.ReadAllText(RepositoryRoot.Combine("config", "monitors.json")));

    [Fact]
    public void RuleSeverity_ShouldPreferTheExactNameThenPatternsThenTheDefault()
    {
        var settings = Repository();

        Assert.Equal(Severity.Critical, settings.SeverityOf("sagemaker-endpoint-configuration-kms-key-configured"));
        Assert.Equal(Severity.Warning, settings.SeverityOf("securityhub-s3-bucket-level-public-access-prohibited-a1b2c3"));
        Assert.Equal(Severity.Warning, settings.SeverityOf("an-unlisted-rule"));
        Assert.Equal(Severity.Info, settings.SeverityOf("required-tags"));
    }

    [Fact]
    public void DeploymentRole_ShouldMatchAnAssumedRoleSessionByItsRoleAndNotAUser()
    {
        var settings = Repository();
        var session = new CloudTrailIdentity("AssumedRole", "AROA:deploy", "arn:aws:sts::555566667777:assumed-role/DeploymentPipeline/deploy",
            "555566667777", null, null, null, null, null, null);
        var user = new CloudTrailIdentity("IAMUser", "AIDA", "arn:aws:iam::555566667777:user/DeploymentPipeline",
            "555566667777", null, "DeploymentPipeline", null, null, null, null);

        Assert.True(settings.IsDeploymentRole(CloudTrailFields.CallerArns(session)));
        Assert.False(settings.IsDeploymentRole(CloudTrailFields.CallerArns(user)));
    }

    [Theory]
    [InlineData("""{"compliance":{"defaultSeverity":"urgent"},"deploymentRoles":[],"approvers":[]}""", "compliance.defaultSeverity")]
    [InlineData("""{"compliance":{"defaultSeverity":"info","ruleSeverities":{"r":"low"}},"deploymentRoles":[],"approvers":[]}""", "compliance.ruleSeverities.r")]
    [InlineData("""{"compliance":{"defaultSeverity":"info"},"deploymentRoles":[" "],"approvers":[]}""", "deploymentRoles[0]")]
    [InlineData("""{"compliance":{"defaultSeverity":"info"},"deploymentRoles":[],"approvers":[],"approverz":[]}""", "approverz")]
    [InlineData("""{"compliance":{"defaultSeverity":"info"},"deploymentRoles":[]}""", "approvers")]
    public void Load_WhenASettingIsWrong_ShouldNameIt(string json, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => MonitorSettingsLoader.Load(json, "test.json"));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.json", exception.Message, StringComparison.Ordinal);
    }
}
