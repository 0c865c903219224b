using System.Text.Json;
using Governance.Hosting.Logging;
using Governance.Hosting.Tests.Support;

namespace Governance.Hosting.Tests.Logging;

public sealed class LambdaLoggerTests
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
            logger.Information("Event {EventId} ignored: {Reason}", "evt-7", "not this handler's business");
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
        Assert.Equal("evt-7", line.GetProperty("correlation_id").GetString());
        Assert.Equal("evt-7", line.GetProperty("EventId").GetString());
        Assert.Equal("not this handler's business", line.GetProperty("Reason").GetString());
    }

    [Fact]
    public void Log_OutsideInvocation_ShouldOmitInvocationFields()
    {
        Logger().Warning("Policy file has {RuleCount} rules", 3);

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Equal(3, line.GetProperty("RuleCount").GetInt32());
        Assert.False(line.TryGetProperty("function_request_id", out _));
        Assert.False(line.TryGetProperty("xray_trace_id", out _));
    }

    [Fact]
    public void Log_BelowMinimumLevel_ShouldWriteNothing()
    {
        var logger = Logger(LogLevel.Warning);

        logger.Debug("debug {X}", 1);
        logger.Information("info {X}", 1);
        logger.Error("error {X}", 1);

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
            logger.Information("first");
        }

        using (InvocationScope.Begin(Contexts.Invocation("second", coldStart: false)))
        {
            logger.Information("second");
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
            logger.Information("after the nested call");
        }

        Assert.Equal("evt-nested", _output.LogLines()[0].GetProperty("correlation_id").GetString());
    }

    [Fact]
    public void Properties_NamedLikeStandardFields_ShouldNotOverrideThem()
    {
        Logger().Information("Level is {level} for {service}", "forged", "forged");

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal("governance", line.GetProperty("service").GetString());
        Assert.Equal("Level is forged for forged", line.GetProperty("message").GetString());
    }

    [Fact]
    public void Properties_OfEveryShape_ShouldBeWrittenAsJsonValues()
    {
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Logger().Information(
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
        Assert.Equal(JsonValueKind.Null, line.GetProperty("Missing").ValueKind);
        Assert.Equal("fraud", line.GetProperty("Tags").GetProperty("team").GetString());
        Assert.Equal(2, line.GetProperty("Ids").GetArrayLength());
    }

    [Fact]
    public void Properties_NonGenericDictionary_ShouldBeAnObjectWithSensitiveValuesRedacted()
    {
        Logger().Information("Settings {Settings}", new System.Collections.Hashtable { ["password"] = "hunter2", ["user"] = "svc" });

        var settings = Assert.Single(_output.LogLines()).GetProperty("Settings");
        Assert.Equal("svc", settings.GetProperty("user").GetString());
        Assert.Equal(SecretRedactor.Redacted, settings.GetProperty("password").GetString());
    }

    [Fact]
    public void Exception_ShouldBeWrittenWithItsTypeAndStack()
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

        Logger().Error(thrown, "Append failed for {Subject}", "model/churn");

        var line = Assert.Single(_output.LogLines());
        Assert.Equal("ERROR", line.GetProperty("level").GetString());
        Assert.Equal(typeof(InvalidOperationException).FullName, line.GetProperty("exception_name").GetString());
        var details = line.GetProperty("exception").GetString()!;
        Assert.Contains("ledger head moved", details, StringComparison.Ordinal);
        Assert.Contains("TimeoutException", details, StringComparison.Ordinal);
        Assert.Contains(nameof(Exception_ShouldBeWrittenWithItsTypeAndStack), details, StringComparison.Ordinal);
    }

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
            logger.Information(
                "Calling {Url} with {Authorization} and token {SessionToken}",
                request.GetProperty("url").GetString(),
                headers.GetProperty("Authorization").GetString(),
                credentials.GetProperty("sessionToken").GetString());
            logger.Information("Request {Request}", request);
            logger.Information(
                "Headers {Headers}",
                new Dictionary<string, string>
                {
                    ["Authorization"] = headers.GetProperty("Authorization").GetString()!,
                    ["x-amz-security-token"] = headers.GetProperty("X-Amz-Security-Token").GetString()!,
                    ["X-Amz-Date"] = "20150830T123600Z",
                });
            logger.Warning("Raw header line: Authorization: {Value}", headers.GetProperty("Authorization").GetString());
            logger.Error(new InvalidOperationException("secretAccessKey=" + credentials.GetProperty("secretAccessKey").GetString()), "Failed");
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

    [Theory]
    [InlineData("Debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("INFORMATION", LogLevel.Information)]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("", LogLevel.Information)]
    [InlineData("chatty", LogLevel.Information)]
    public void LevelNames_ShouldAcceptTheSpellingsInUse(string configured, LogLevel expected) =>
        Assert.Equal(expected, LogLevelNames.Parse(configured, LogLevel.Information));

    private static async Task SetCorrelationLaterAsync(LambdaLogger logger)
    {
        await Task.Yield();
        logger.SetCorrelationId("evt-nested");
    }

    private LambdaLogger Logger(LogLevel level = LogLevel.Debug) =>
        new(new LoggerOptions("governance", "governance-audit", 512, level), _output, new FixedTimeProvider(Now));
}
