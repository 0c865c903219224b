using Governance.Hosting.Logging;

namespace Governance.Hosting.Tests.Logging;

public sealed class MessageTemplateTests
{
    [Theory]
    [InlineData("Event {EventId} ignored: {Reason}", "Event e-1 ignored: r", "EventId,Reason")]
    [InlineData("Literal {{braces}} and {Name}", "Literal {braces} and e-1", "Name")]
    [InlineData("{@Model} destructured", "e-1 destructured", "Model")]
    [InlineData("{not a hole} {Id}", "{not a hole} e-1", "Id")]
    [InlineData("unclosed {Id", "unclosed {Id", "")]
    [InlineData("no holes at all", "no holes at all", "")]
    public void Render_ShouldFillHolesByPositionAndKeepLiteralsAsWritten(string text, string expected, string names)
    {
        var template = MessageTemplate.Parse(text);

        Assert.Equal(expected, template.Render(["e-1", "r"]));
        Assert.Equal(names, string.Join(',', template.PropertyNames));
    }

    [Fact]
    public void Render_WithFormat_ShouldApplyIt() =>
        Assert.Equal("took 1.50 ms", MessageTemplate.Parse("took {Elapsed:0.00} ms").Render([1.5]));

    [Fact]
    public void Render_WithBadFormat_ShouldFallBackToThePlainValue() =>
        Assert.Equal("at 2025-01-02", MessageTemplate.Parse("at {When:%}").Render(["2025-01-02"]));

    [Fact]
    public void Render_WithFewerValuesThanHoles_ShouldKeepTheUnfilledHoles() =>
        Assert.Equal("a=1 b={B}", MessageTemplate.Parse("a={A} b={B}").Render([1]));

    [Fact]
    public void Render_WithSensitiveHoleName_ShouldRedactTheValue() =>
        Assert.Equal(
            "signed with [REDACTED]",
            MessageTemplate.Parse("signed with {Signature}").Render(["5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"]));
}
