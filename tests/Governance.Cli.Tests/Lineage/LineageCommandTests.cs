using System.Text.Json;
using Governance.Local.Ports;
using Governance.Testing;
using static Governance.Cli.Tests.Lineage.LineageCliLedger;
using Demo = Governance.Local.Ports.LineageDemoLedger;

namespace Governance.Cli.Tests.Lineage;

[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class LineageCommandTests(MotoServer moto)
{
    [Fact]
    public async Task Lineage_AsText_ShouldNameApproversInputsAndDeployments()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["lineage", "credit-risk-scoring/1", .. connection]);

        Assert.Equal(0, exit);
        Assert.Contains($"central approval:  Approved by {Demo.RiskManager}", output, StringComparison.Ordinal);
        Assert.Contains(Demo.CreditLead, output, StringComparison.Ordinal);
        Assert.Contains($"digest {Demo.CreditImageDigest}", output, StringComparison.Ordinal);
        Assert.Contains($"checksum {Demo.CreditArtifactChecksum}", output, StringComparison.Ordinal);
        Assert.Contains($"{Demo.EndpointArn(Demo.CreditAccount, Demo.CreditEndpointName)}  runs it since 2025-03-03 12:15 UTC", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_ByArnAsJson_ShouldBeTheApisAnswer()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["lineage", Demo.CentralArn(Demo.CreditGroup, 2), "--format", "json", .. connection]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("summary").GetProperty("version").GetInt32());
        Assert.Equal("Rejected", json.RootElement.GetProperty("summary").GetProperty("centralApproval").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Lineage_ByTeamPackageArn_ShouldAnswerAboutTheVersionThatPackageBecame()
    {
        var connection = await ConnectionAsync(moto);
        // The team's version 3 became central version 1; central version 3 is another team package (team version 5).
        var teamArn = $"arn:aws:sagemaker:{Demo.Region}:{Demo.CreditAccount}:model-package/{Demo.CreditGroup}/3";

        var (exit, output, _) = await RunAsync(["lineage", teamArn, "--format", "json", .. connection]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(teamArn, summary.GetProperty("sourcePackageArn").GetString());
        Assert.Equal(Demo.CentralArn(Demo.CreditGroup, 1), summary.GetProperty("arn").GetString());
        Assert.Equal("Approved", summary.GetProperty("centralApproval").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Lineage_ByTeamPackageArnTheLedgerDoesNotKnow_ShouldExitOneAndNameIt()
    {
        var connection = await ConnectionAsync(moto);
        var teamArn = $"arn:aws:sagemaker:{Demo.Region}:{Demo.CreditAccount}:model-package/{Demo.CreditGroup}/1";

        var (exit, output, errors) = await RunAsync(["lineage", teamArn, .. connection]);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(teamArn, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_AsDot_ShouldDrawEveryEdge()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["lineage", "credit-risk-scoring/1", "--format", "dot", .. connection]);

        Assert.Equal(0, exit);
        Assert.StartsWith("digraph", output, StringComparison.Ordinal);
        Assert.Contains("[label=\"copied-to\"]", output, StringComparison.Ordinal);
        Assert.Contains("[label=\"violated-by\"]", output, StringComparison.Ordinal);
        Assert.EndsWith("}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_AsHtmlToAFile_ShouldWriteOneSelfContainedPage()
    {
        var connection = await ConnectionAsync(moto);
        var path = Path.Combine(Path.GetTempPath(), MotoServer.UniqueName("report") + ".html");
        try
        {
            var (exit, _, errors) = await RunAsync(["lineage", "credit-risk-scoring/1", "--format", "html", "--out", path, .. connection]);

            Assert.Equal(0, exit);
            Assert.Contains($"wrote {path}", errors, StringComparison.Ordinal);
            var html = await File.ReadAllTextAsync(path);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("<svg", html, StringComparison.Ordinal);
            Assert.Contains("AWS call UpdateEndpoint", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Lineage_AsOpenLineage_ShouldWriteOneRunEventPerLine()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, output, _) = await RunAsync(["lineage", "credit-risk-scoring/1", "--format", "openlineage", .. connection]);

        Assert.Equal(0, exit);
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["START", "COMPLETE", "START", "COMPLETE"], events.Select(e => e.GetProperty("eventType").GetString()));
        Assert.Equal(events[0].GetProperty("run").GetProperty("runId").GetString(), events[1].GetProperty("run").GetProperty("runId").GetString());
    }

    [Theory]
    [InlineData("lineage", "not-a-version")]
    [InlineData("lineage", "credit-risk-scoring/1", "--format", "pdf")]
    [InlineData("lineage", "credit-risk-scoring/1", "--colour", "blue")]
    [InlineData("timeline")]
    [InlineData("endpoints")]
    [InlineData("audit", "--from", "2025-03-03")]
    [InlineData("api", "--port", "99999")]
    public async Task BadArguments_ShouldExitTwoAndSayWhy(params string[] args)
    {
        var connection = await ConnectionAsync(moto);

        var (exit, _, errors) = await RunAsync([.. args, .. connection]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"governance {args[0]}: ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_OfAnUnknownVersion_ShouldExitOne()
    {
        var connection = await ConnectionAsync(moto);

        var (exit, _, errors) = await RunAsync(["lineage", "credit-risk-scoring/42", .. connection]);

        Assert.Equal(1, exit);
        Assert.Contains("is not in the ledger", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lineage")]
    [InlineData("timeline")]
    [InlineData("endpoints")]
    [InlineData("violations")]
    [InlineData("audit")]
    [InlineData("api")]
    public async Task Help_ShouldDescribeTheCommand(string command)
    {
        var (exit, output, _) = await RunAsync(command, "--help");

        Assert.Equal(0, exit);
        Assert.StartsWith($"Usage: governance {command}", output, StringComparison.Ordinal);
        Assert.Contains(command, (await RunAsync("--help")).Output, StringComparison.Ordinal);
    }
}
