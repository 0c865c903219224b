using Governance.Core.Lineage;
using Governance.Core.Presentation;
using Governance.Core.Presentation.Reports;

namespace Governance.Core.Tests.Presentation;

/// <summary>Nothing from event data reaches a terminal as a control sequence.</summary>
public class TerminalTextTests
{
    // Clear the screen, recolour, set the window title (OSC ... BEL), an 8-bit CSI, a carriage return over the line,
    // and a right-to-left override that would show the text reversed.
    private const string Hostile = "credit\u001b[2J\u001b[31m-risk\u001b]0;owned\u0007\u009b1m\rfake\u202etxt\u0008";

    [Fact]
    public void Line_ShouldRemoveEscapeSequencesIntroducersAndOtherControlCharacters()
    {
        var clean = TerminalText.Line(Hostile)!;

        Assert.Equal("credit[2J[31m-risk]0;owned1mfaketxt", clean);
        Assert.DoesNotContain(clean, IsControl);
    }

    [Fact]
    public void Line_ShouldKeepOrdinaryTextAndTurnLineBreaksIntoSpaces()
    {
        Assert.Equal("credit-risk v3 — approved by jane é", TerminalText.Line("credit-risk v3 — approved by jane é"));
        Assert.Equal("line one line two", TerminalText.Line("line one\nline two"));
        Assert.Null(TerminalText.Line(null));
    }

    [Fact]
    public void TimelineRecord_WithAnsiInTheModelPackageNameAndActor_ShouldPrintWithoutControlCharacters()
    {
        var record = new RecordView(
            $"CentralPackage:arn:aws:sagemaker:us-east-1:123456789012:model-package/{Hostile}/3", 1, "audit.UpdateModelPackage",
            new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 10, 0, 1, TimeSpan.Zero),
            "arn:aws:sts::123456789012:assumed-role/x/\u001b[8m", "123456789012", Hostile,
            new Dictionary<string, string> { ["modelPackageDescription"] = Hostile }, "evt-1", new string('0', 64));

        var text = TextRenderer.Render(record);

        Assert.DoesNotContain(text, IsControl);
        Assert.Contains("model-package/credit[2J[31m-risk", text, StringComparison.Ordinal);
    }

    private static bool IsControl(char c) => char.IsControl(c) || c is '\u202e';
}
