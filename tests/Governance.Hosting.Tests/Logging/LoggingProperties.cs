using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Governance.Hosting.Logging;
using Governance.Hosting.Tests.Support;

namespace Governance.Hosting.Tests.Logging;

/// <summary>Logging must never throw nor write a broken line, whatever the template and values.</summary>
public sealed class LoggingProperties
{
    private static readonly Gen<string> TemplateText = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(text => text ?? string.Empty),
        Gen.Elements("{", "}", "{{", "}}", "{A}", "{B:0.0}", "{@C}", "{Authorization}", "text ", "{", ":", "{$D}")
            .ListOf()
            .Select(parts => string.Concat(parts)));

    [Fact]
    public void Log_AnyTemplateAndValues_ShouldWriteExactlyOneJsonObjectWithTheStandardFields()
    {
        var values = ArbMap.Default.GeneratorFor<string>().ListOf(3);
        Prop.ForAll(
                Arb.From(Gen.Zip(TemplateText, values)),
                pair =>
                {
                    var output = new CapturingLineWriter();
                    var logger = new LambdaLogger(new LoggerOptions("svc", "fn", null), output, TimeProvider.System);
                    logger.Information(pair.Item1, [.. pair.Item2.Cast<object?>()]);
                    var line = Assert.Single(output.Lines);
                    using var document = JsonDocument.Parse(line);
                    return document.RootElement.GetProperty("level").GetString() == "INFO"
                        && document.RootElement.TryGetProperty("message", out _)
                        && document.RootElement.GetProperty("service").GetString() == "svc";
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Render_TemplateWithoutBraces_ShouldBeTheTextItself() =>
        Prop.ForAll(
                Arb.From(ArbMap.Default.GeneratorFor<string>().Where(text => text is not null && !text.Contains('{') && !text.Contains('}'))),
                text => MessageTemplate.Parse(text).Render(["x"]) == text)
            .QuickCheckThrowOnFailure();
}
