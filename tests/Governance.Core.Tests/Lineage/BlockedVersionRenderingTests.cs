using Governance.Core.Lineage;
using Governance.Core.Presentation.Reports;

namespace Governance.Core.Tests.Lineage;

/// <summary>A blocked team package's lineage, as the text and HTML renderings show it to a risk manager.</summary>
public sealed class BlockedVersionRenderingTests
{
    private const string TeamArn = "arn:aws:sagemaker:us-east-1:111122223333:model-package/credit-risk-scoring/7";
    private const string Explanation = "the image docker.io/someone/credit:latest is not pinned by a sha256 digest";
    private static readonly DateTimeOffset At = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Text_OfABlockedVersion_ShouldSayBlockedAndGiveEachFailedRulesExplanation()
    {
        var text = TextRenderer.Render(Blocked());

        Assert.Contains("central approval:  Blocked", text, StringComparison.Ordinal);
        Assert.Contains("Policy decision: blocked", text, StringComparison.Ordinal);
        Assert.Contains($"FAILED imageDigest (block): {Explanation}", text, StringComparison.Ordinal);
        Assert.Contains("passed groupNaming (warn):", text, StringComparison.Ordinal);
        Assert.Contains("not copied to the central registry", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_OfABlockedVersion_ShouldSayBlockedInPlainWordsAndTabulateTheRules()
    {
        var html = HtmlRenderer.Render(new LineageReport(Blocked(), [], At));

        Assert.Contains("The governance policy <b>blocked</b> it", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Policy decision</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>imageDigest</td><td>block</td><td>failed</td><td>" + System.Net.WebUtility.HtmlEncode(Explanation) + "</td>", html, StringComparison.Ordinal);
    }

    private static VersionLineageResponse Blocked()
    {
        var source = new NodeView("SourcePackage", TeamArn, "111122223333", new Dictionary<string, string>(), At);
        var summary = new ModelVersionSummary("credit-risk-scoring", 7, TeamArn, TeamArn, "111122223333",
            new ApprovalView("Approved", "arn:aws:sts::111122223333:assumed-role/ml-lead/jane", At), new ApprovalView("Blocked", null, At), [], At);
        var policy = new PolicyDecisionView("blocked", "blocked by imageDigest", "sha256:abc", At,
        [
            new RuleResultView("imageDigest", "block", false, Explanation),
            new RuleResultView("groupNaming", "warn", true, "the group name follows the naming convention"),
        ]);
        return new VersionLineageResponse(summary, new UpstreamLineage(source, "111122223333", summary.LocalApproval.By, [], [], [], [], null),
            new DownstreamLineage(null, [], [], [], [], []), [source], [], policy);
    }
}
