using Governance.Hosting.Logging;
using Governance.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Tests.Logging;

/// <summary>The level and sampling rules of Powertools: which variable wins, and debug sampling per invocation.</summary>
public sealed class LogLevelAndSamplingTests
{
    private readonly CapturingLineWriter _output = new();

    [Theory]
    [InlineData("WARN", "DEBUG", null, LogLevel.Warning)]
    [InlineData(null, "DEBUG", "ERROR", LogLevel.Debug)]
    [InlineData(null, null, "ERROR", LogLevel.Error)]
    [InlineData(null, null, null, LogLevel.Information)]
    [InlineData("FATAL", null, null, LogLevel.Critical)]
    [InlineData(null, "Warning", null, LogLevel.Warning)]
    public void Level_ShouldPreferLambdaAdvancedLoggingControlsThenPowertoolsThenLogLevel(
        string? lambdaLevel, string? powertoolsLevel, string? logLevel, LogLevel expected)
    {
        var options = LoggerOptions.FromEnvironment(Variables(
            (LoggerOptions.LambdaLogLevelVariable, lambdaLevel),
            (LoggerOptions.LogLevelVariable, powertoolsLevel),
            (LoggerOptions.LogLevelAliasVariable, logLevel)));

        Assert.Equal(expected, options.MinimumLevel);
    }

    [Fact]
    public void Level_WhenPowertoolsAsksForMoreThanLambdaKeeps_ShouldWarnAtInitAsPowertoolsDoes()
    {
        var options = LoggerOptions.FromEnvironment(Variables(
            (LoggerOptions.LambdaLogLevelVariable, "WARN"),
            (LoggerOptions.LogLevelVariable, "DEBUG")));

        _ = new PowertoolsLoggerProvider(options, _output, TimeProvider.System);

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Equal(
            "Current log level (DEBUG) does not match AWS Lambda Advanced Logging Controls minimum log level (WARN). This can lead to data loss, consider adjusting them.",
            line.GetProperty("message").GetString());
        Assert.False(options.SamplingMayLowerLevel);
    }

    [Theory]
    [InlineData(LoggerOptions.LogLevelVariable, "LOUD")]
    [InlineData(LoggerOptions.SampleRateVariable, "1.5")]
    [InlineData(LoggerOptions.SampleRateVariable, "often")]
    public void Settings_ThatMeanNothing_ShouldBeNamedInAWarningAndIgnored(string variable, string value)
    {
        var options = LoggerOptions.FromEnvironment(Variables((variable, value)));

        Assert.Equal(LogLevel.Information, options.MinimumLevel);
        Assert.Equal(0, options.SampleRate);
        Assert.Contains($"{variable}={value}", Assert.Single(options.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Sampling_WhenTheDrawFallsUnderTheRate_ShouldLogThatInvocationAtDebugOnly()
    {
        var draws = new Queue<double>([0.05, 0.5]);
        var options = LoggerOptions.FromEnvironment(Variables(
            (LoggerOptions.LogLevelVariable, "ERROR"),
            (LoggerOptions.SampleRateVariable, "0.1")));
        var provider = new PowertoolsLoggerProvider(options, _output, TimeProvider.System, draws.Dequeue);
        var logger = provider.CreateLogger();

        using (var sampled = InvocationScope.Begin(Contexts.Invocation("sampled")))
        {
            provider.SampleInvocation(sampled.Scope);
            logger.LogDebug("detail of the sampled invocation");
        }

        using (var plain = InvocationScope.Begin(Contexts.Invocation("plain", coldStart: false)))
        {
            provider.SampleInvocation(plain.Scope);
            logger.LogDebug("detail nobody asked for");
            logger.LogError("failure");
        }

        var lines = _output.LogLines();
        Assert.Equal(
            ["Setting log level to DEBUG due to sampling rate", "detail of the sampled invocation", "failure"],
            lines.Select(line => line.GetProperty("message").GetString()));
        Assert.All(lines, line => Assert.Equal(0.1, line.GetProperty("sampling_rate").GetDouble()));
        Assert.Equal("sampled", lines[1].GetProperty("function_request_id").GetString());
    }

    [Fact]
    public void Sampling_WhenLambdaFixesTheLevel_ShouldNotLowerIt()
    {
        var options = LoggerOptions.FromEnvironment(Variables(
            (LoggerOptions.LambdaLogLevelVariable, "ERROR"),
            (LoggerOptions.SampleRateVariable, "1")));
        var provider = new PowertoolsLoggerProvider(options, _output, TimeProvider.System, () => 0);

        using (var scope = InvocationScope.Begin(Contexts.Invocation("fixed")))
        {
            provider.SampleInvocation(scope.Scope);
            provider.CreateLogger().LogDebug("hidden");
        }

        Assert.Empty(_output.LogLines());
    }

    private static Func<string, string?> Variables(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(pair => pair.Name == name).Value;
}
