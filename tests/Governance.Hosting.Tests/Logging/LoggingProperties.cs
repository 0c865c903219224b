using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Governance.Hosting.Logging;
using Governance.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Tests.Logging;

/// <summary>
/// The logger must never throw nor write a broken line, whatever the template and values reach it. (Templates
/// that do not parse are refused earlier by Microsoft.Extensions.Logging's own LogInformation extensions, and
/// flagged at build time by CA2017; the state is built here as they build it, so any template reaches the logger.)
/// </summary>
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
                    var logger = new PowertoolsLoggerProvider(new LoggerOptions("svc", "fn", null), output, TimeProvider.System).CreateLogger();
                    List<KeyValuePair<string, object?>> state =
                        [.. pair.Item2.Select((value, index) => new KeyValuePair<string, object?>($"P{index}", value)), new("{OriginalFormat}", pair.Item1)];
                    logger.Log(LogLevel.Information, default, state, null, static (_, _) => "unused");
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
