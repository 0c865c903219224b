using System.Text.Json;
using Governance.Core.Secrets;
using Governance.Hosting.Logging;
using Governance.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Tests.Logging;

public sealed class PowertoolsLoggerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly CapturingLineWriter _output = new();

    [Fact]
    public void Log_InsideInvocation_ShouldWritePowertoolsFieldsAndTemplateProperties()
    {
        var logger = Logger();
        using (InvocationScope.Begin(Contexts.Invocation("req-42")))
        {
            logger.SetCorrelationId("evt-7");
            logger.LogInformation("Event {EventId} ignored: {Reason}", "evt-7", "not this handler's business");
        }

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal("Event evt-7 ignored: not this handler's business", line.GetProperty("message").GetString());
        Assert.Equal("2025-03-04T05:06:07.890Z", line.GetProperty("timestamp").GetString());
        Assert.Equal("governance", line.GetProperty("service").GetString());
        Assert.True(line.GetProperty("cold_start").GetBoolean());
        Assert.Equal("governance-audit", line.GetProperty("function_name").GetString());
        Assert.Equal(512, line.GetProperty("function_memory_size").GetInt32());
        Assert.Equal(Contexts.FunctionArn, line.GetProperty("function_arn").GetString());
        Assert.Equal("req-42", line.GetProperty("function_request_id").GetString());
        Assert.Equal(Contexts.TraceRoot, line.GetProperty("xray_trace_id").GetString());
        Assert.Equal(0, line.GetProperty("sampling_rate").GetDouble());
        Assert.Equal("evt-7", line.GetProperty("correlation_id").GetString());
        Assert.Equal("evt-7", line.GetProperty("EventId").GetString());
        Assert.Equal("not this handler's business", line.GetProperty("Reason").GetString());
    }

    [Fact]
    public void Log_OutsideInvocation_ShouldOmitColdStartAndInvocationFields()
    {
        Logger().LogWarning("Policy file has {RuleCount} rules", 3);

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Equal(3, line.GetProperty("RuleCount").GetInt32());
        Assert.Equal(0, line.GetProperty("sampling_rate").GetDouble());
        Assert.Equal("governance-audit", line.GetProperty("function_name").GetString());
        Assert.False(line.TryGetProperty("cold_start", out _));
        Assert.False(line.TryGetProperty("function_arn", out _));
        Assert.False(line.TryGetProperty("function_request_id", out _));
        Assert.False(line.TryGetProperty("xray_trace_id", out _));
    }

    [Fact]
    public void Log_BelowMinimumLevel_ShouldWriteNothing()
    {
        var logger = Logger(LogLevel.Warning);

        logger.LogDebug("debug {X}", 1);
        logger.LogInformation("info {X}", 1);
        logger.LogError("error {X}", 1);

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("ERROR", line.GetProperty("level").GetString());
    }

    [Fact]
    public void Scope_KeysAndCorrelationId_ShouldNotLeakIntoTheNextInvocation()
    {
        var logger = Logger();
        using (InvocationScope.Begin(Contexts.Invocation("first")))
        {
            logger.SetCorrelationId("evt-1");
            logger.AppendKey("model_package", "arn:aws:sagemaker:us-east-1:111122223333:model-package/churn/3");
            logger.LogInformation("first");
        }

        using (InvocationScope.Begin(Contexts.Invocation("second", coldStart: false)))
        {
            logger.LogInformation("second");
        }

        var lines = _output.LogLines();
        Assert.Equal("evt-1", lines[0].GetProperty("correlation_id").GetString());
        Assert.True(lines[0].TryGetProperty("model_package", out _));
        Assert.False(lines[1].TryGetProperty("correlation_id", out _));
        Assert.False(lines[1].TryGetProperty("model_package", out _));
        Assert.False(lines[1].GetProperty("cold_start").GetBoolean());
    }

    [Fact]
    public async Task Scope_CorrelationIdSetInNestedAsyncCall_ShouldApplyToTheRestOfTheInvocation()
    {
        var logger = Logger();
        using (InvocationScope.Begin(Contexts.Invocation("nested")))
        {
            await SetCorrelationLaterAsync(logger);
            logger.LogInformation("after the nested call");
        }

        Assert.Equal("evt-nested", _output.LogLines()[0].GetProperty("correlation_id").GetString());
    }

    [Fact]
    public void Properties_NamedLikeStandardFields_ShouldNotOverrideThem()
    {
        Logger().LogInformation("Level is {level} for {service}", "forged", "forged");

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal("governance", line.GetProperty("service").GetString());
        Assert.Equal("Level is forged for forged", line.GetProperty("message").GetString());
    }

    [Fact]
    public void Properties_OfEveryShape_ShouldBeWrittenAsJsonValuesAndNullsLeftOut()
    {
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Logger().LogInformation(
            "{Count} {Ratio} {Enabled} {At} {Missing} {Tags} {Ids}",
            7,
            0.25,
            true,
            at,
            null,
            new Dictionary<string, string> { ["team"] = "fraud" },
            new[] { "a", "b" });

        var line = Assert.Single(_output.LogLines());
        Assert.Equal(7, line.GetProperty("Count").GetInt32());
        Assert.Equal(0.25, line.GetProperty("Ratio").GetDouble());
        Assert.True(line.GetProperty("Enabled").GetBoolean());
        Assert.Equal(at, line.GetProperty("At").GetDateTimeOffset());
        Assert.False(line.TryGetProperty("Missing", out _));
        Assert.Equal("fraud", line.GetProperty("Tags").GetProperty("team").GetString());
        Assert.Equal(2, line.GetProperty("Ids").GetArrayLength());
    }

    [Fact]
    public void Properties_NonGenericDictionary_ShouldBeAnObjectWithSensitiveValuesRedacted()
    {
        Logger().LogInformation("Settings {Settings}", new System.Collections.Hashtable { ["password"] = "hunter2", ["user"] = "svc" });

        var settings = Assert.Single(_output.LogLines()).GetProperty("Settings");
        Assert.Equal("svc", settings.GetProperty("user").GetString());
        Assert.Equal(SecretRedactor.Redacted, settings.GetProperty("password").GetString());
    }

    [Fact]
    public void Exception_ShouldBeWrittenAsAPowertoolsErrorObjectWithItsCause()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("ledger head moved", new TimeoutException("inner"));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        Logger().LogError(thrown, "Append failed for {Subject}", "model/churn");

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("ERROR", line.GetProperty("level").GetString());
        Assert.False(line.TryGetProperty("exception", out _));
        Assert.False(line.TryGetProperty("exception_name", out _));
        var error = line.GetProperty("error");
        Assert.Equal(nameof(InvalidOperationException), error.GetProperty("name").GetString());
        Assert.Equal("ledger head moved", error.GetProperty("message").GetString());
        var stack = error.GetProperty("stack").GetString()!;
        Assert.StartsWith("System.InvalidOperationException: ledger head moved\n", stack, StringComparison.Ordinal);
        Assert.Contains(nameof(Exception_ShouldBeWrittenAsAPowertoolsErrorObjectWithItsCause), stack, StringComparison.Ordinal);
        Assert.Contains(nameof(PowertoolsLoggerTests), error.GetProperty("location").GetString(), StringComparison.Ordinal);
        var cause = error.GetProperty("cause");
        Assert.Equal(nameof(TimeoutException), cause.GetProperty("name").GetString());
        Assert.Equal("inner", cause.GetProperty("message").GetString());
        Assert.False(cause.TryGetProperty("cause", out _));
    }

    [Theory]
    [InlineData("   at Governance.Aws.Ledger.Writer.AppendAsync(LedgerEventDraft draft) in /src/Ledger/Writer.cs:line 42\n   at Next()", "/src/Ledger/Writer.cs:42")]
    [InlineData("   at Governance.Aws.Ledger.Writer.AppendAsync(LedgerEventDraft draft)\n   at Next()", "Governance.Aws.Ledger.Writer.AppendAsync")]
    [InlineData("", null)]
    public void ErrorLocation_ShouldBeTheThrowingFramesFileAndLineOrItsMethod(string stackTrace, string? expected) =>
        Assert.Equal(expected, ErrorObject.Location(stackTrace));

    [Fact]
    public void Redaction_ShouldKeepEveryCredentialOfASignedRequestOutOfTheLine()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "signed-request.json")));
        var request = fixture.RootElement;
        var headers = request.GetProperty("headers");
        var credentials = request.GetProperty("assumedRole").GetProperty("credentials");
        var logger = Logger();

        using (InvocationScope.Begin(Contexts.Invocation("secret")))
        {
            logger.AppendKey("authorization", headers.GetProperty("Authorization").GetString());
            logger.LogInformation(
                "Calling {Url} with {Authorization} and token {SessionToken}",
                request.GetProperty("url").GetString(),
                headers.GetProperty("Authorization").GetString(),
                credentials.GetProperty("sessionToken").GetString());
            logger.LogInformation("Request {Request}", request);
            logger.LogInformation(
                "Headers {Headers}",
                new Dictionary<string, string>
                {
                    ["Authorization"] = headers.GetProperty("Authorization").GetString()!,
                    ["x-amz-security-token"] = headers.GetProperty("X-Amz-Security-Token").GetString()!,
                    ["X-Amz-Date"] = "20150830T123600Z",
                });
            logger.LogWarning("Raw header line: Authorization: {Value}", headers.GetProperty("Authorization").GetString());
            logger.LogError(new InvalidOperationException("secretAccessKey=" + credentials.GetProperty("secretAccessKey").GetString()), "Failed");
        }

        var all = string.Join('\n', _output.Lines);
        Assert.Equal(5, _output.LogLines().Count);
        Assert.DoesNotContain("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", all, StringComparison.Ordinal);
        Assert.DoesNotContain("FQoGZXIvYXdzEXAMPLESESSIONTOKEN", all, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", all, StringComparison.Ordinal);
        Assert.Contains("20150830T123600Z", all, StringComparison.Ordinal);
        Assert.Contains("governance-reader", all, StringComparison.Ordinal);
        Assert.Equal(SecretRedactor.Redacted, _output.LogLines()[0].GetProperty("authorization").GetString());
    }

    [Fact]
    public void Redaction_ShouldHideGenericTokenSecretAndPasswordKeysAndBearerValues()
    {
        var logger = Logger();

        logger.LogInformation("Webhook {Token} of client {ClientSecret} logged in with {Password}", "tok-5f2a91c7", "cs-8b31e04d", "hunter2-pass");
        logger.LogInformation("Upstream answered {Reason}", "401 for Bearer mF_9.B5f-4.1JqM");
        logger.LogInformation(
            "Settings {Settings}",
            new Dictionary<string, string> { ["apiToken"] = "tok-0c77d3aa", ["secret"] = "s3cr3t-value", ["db_password"] = "pw-11aa", ["region"] = "us-east-1" });

        var all = string.Join('\n', _output.Lines);
        Assert.Equal(3, _output.LogLines().Count);
        foreach (var secret in new[] { "tok-5f2a91c7", "cs-8b31e04d", "hunter2-pass", "mF_9.B5f-4.1JqM", "tok-0c77d3aa", "s3cr3t-value", "pw-11aa" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }

        Assert.Equal(SecretRedactor.Redacted, _output.LogLines()[0].GetProperty("Token").GetString());
        Assert.Contains("401 for Bearer " + SecretRedactor.Redacted, _output.LogLines()[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("us-east-1", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("INFORMATION", LogLevel.Information)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("SILENT", LogLevel.None)]
    [InlineData("", null)]
    [InlineData("chatty", null)]
    public void LevelNames_ShouldAcceptPowertoolsAndDotNetSpellings(string configured, LogLevel? expected) =>
        Assert.Equal(expected, LogLevelNames.TryParse(configured));

    [Fact]
    public void Logger_ShouldWriteTheKeysOfAnOpenScopeOnlyInsideIt()
    {
        var logger = Logger();
        using (logger.BeginScope(new Dictionary<string, object?> { ["model_package_group"] = "churn", ["empty"] = null }))
        {
            logger.LogInformation("inside");
        }

        logger.LogInformation("outside");

        var lines = _output.LogLines();
        Assert.Equal("churn", lines[0].GetProperty("model_package_group").GetString());
        Assert.False(lines[0].TryGetProperty("empty", out _));
        Assert.False(lines[1].TryGetProperty("model_package_group", out _));
    }

    [Fact]
    public void AppendKey_WithANullValue_ShouldLeaveTheKeyOut()
    {
        var logger = Logger();
        using (InvocationScope.Begin(Contexts.Invocation("nulls")))
        {
            logger.AppendKey("team", null);
            logger.LogInformation("no team");
        }

        Assert.False(Assert.Single(_output.LogLines()).TryGetProperty("team", out _));
    }

    private static async Task SetCorrelationLaterAsync(ILogger logger)
    {
        await Task.Yield();
        logger.SetCorrelationId("evt-nested");
    }

    private ILogger Logger(LogLevel level = LogLevel.Debug) =>
        new PowertoolsLoggerProvider(new LoggerOptions("governance", "governance-audit", 512, level), _output, new FixedTimeProvider(Now)).CreateLogger();
}
