using Governance.Testing;
using static Governance.Cli.Tests.Lineage.LineageCliLedger;

namespace Governance.Cli.Tests.Lineage;

/// <summary>
/// The HTML report as a browser shows it: Debian's chromium (./test installs it) renders the demo model's report
/// headless, with no script errors and a non-empty page. Set GOVERNANCE_REPORT_PNG to a path to keep the
/// screenshot (docs/report.png is made this way).
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class ReportRenderingTests(MotoServer moto)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task HtmlReport_RenderedInHeadlessChromium_ShouldShowTheGraphAndTablesWithoutScriptErrors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test installs Debian's chromium (scripts/lib.sh ensure_chromium)");
        var connection = await ConnectionAsync(moto);
        var folder = Directory.CreateTempSubdirectory("lineage-report-");
        try
        {
            var report = Path.Combine(folder.FullName, "report.html");
            var screenshot = Path.Combine(folder.FullName, "report.png");
            var (exit, _, _) = await RunAsync(["lineage", "credit-risk-scoring/1", "--format", "html", "--out", report, .. connection]);
            Assert.Equal(0, exit);

            var dom = await RenderAsync(folder, "--dump-dom", new Uri(report).AbsoluteUri);
            var shot = await RenderAsync(folder, $"--screenshot={screenshot}", "--window-size=1280,2000", new Uri(report).AbsoluteUri);

            Assert.Equal(0, dom.ExitCode);
            Assert.DoesNotContain("Uncaught", dom.StandardError, StringComparison.Ordinal);
            Assert.Contains("<svg", dom.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Audit timeline", dom.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("credit-risk-scoring — version 1", dom.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(0, shot.ExitCode);
            var png = await File.ReadAllBytesAsync(screenshot);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.True(png.Length > 40_000, $"a {png.Length}-byte screenshot is too small to hold the rendered report");
            if (Environment.GetEnvironmentVariable("GOVERNANCE_REPORT_PNG") is { Length: > 0 } keep)
            {
                File.Copy(screenshot, keep, overwrite: true);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Task<ExternalCommand.Result> RenderAsync(DirectoryInfo folder, params string[] arguments) =>
        ExternalCommand.RunAsync(
            Chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={Path.Combine(folder.FullName, "profile-" + Guid.NewGuid().ToString("N"))}",
                "--enable-logging=stderr", "--v=0",
                .. arguments,
            ],
            folder.FullName,
            TimeSpan.FromSeconds(120));
}
