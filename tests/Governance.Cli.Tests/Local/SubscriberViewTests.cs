using Governance.Cli.Commands.Local;

namespace Governance.Cli.Tests.Local;

/// <summary><c>local notifications</c> shows a message as the e-mail its subscriber receives, not as the SNS envelope's JSON.</summary>
public sealed class SubscriberViewTests
{
    private static readonly string Body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "notifications", "compliance-violation.sqs.json"));

    [Fact]
    public void Describe_ShouldShowSenderSubjectAndDate_LikeAnEmail()
    {
        var mail = SubscriberView.Describe(Body).Split('\n');

        Assert.Equal("  ✉ From:    governance-notifications <arn:aws:sns:us-east-1:123456789012:governance-notifications>", mail[0]);
        Assert.Equal("    Subject: Compliance violation: sagemaker-endpoint-configuration-kms-key-configured on credit-risk", mail[1]);
        Assert.Equal("    Date:    2026-12-02 16:41:09 UTC", mail[2]);
    }

    [Fact]
    public void Describe_ShouldWriteTheBodyInWords_WithTheSummaryFirstAndNoJson()
    {
        var mail = SubscriberView.Describe(Body);
        var body = mail[(mail.IndexOf("Date:", StringComparison.Ordinal) + 1)..];

        Assert.Contains("\n\n    AWS Config found endpoint credit-risk, which runs credit-risk v1, NON_COMPLIANT", mail, StringComparison.Ordinal);
        Assert.Contains("    details.annotation: Endpoint configuration credit-risk-1-config does not specify a KmsKeyId for the ML storage volume.", mail, StringComparison.Ordinal);
        Assert.Contains("    details.resources: endpoint/credit-risk", mail, StringComparison.Ordinal);
        Assert.Contains("    severity: critical", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("{", body, StringComparison.Ordinal);
        Assert.DoesNotContain("schemaVersion", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_WhenTheMessageIsNotJson_ShouldShowItAsWritten()
    {
        var mail = SubscriberView.Describe("""{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Subject":"s","Message":"plain words"}""");

        Assert.EndsWith("\n    plain words", mail, StringComparison.Ordinal);
    }
}
