using Governance.Hosting.Logging;
using Governance.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Tests;

public sealed class LambdaRuntimeOptionsTests
{
    [Fact]
    public void FromEnvironment_ShouldReadTheLambdaAndPowertoolsVariables()
    {
        var output = new CapturingLineWriter();
        var variables = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
            ["_HANDLER"] = "AuditTrail",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "governance-audit",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "1024",
            ["POWERTOOLS_SERVICE_NAME"] = "governance",
            ["POWERTOOLS_METRICS_NAMESPACE"] = "Governance/Prod",
            ["POWERTOOLS_LOG_LEVEL"] = "Warning",
            ["GOVERNANCE_DEADLINE_MARGIN_MS"] = "250",
        };

        var options = LambdaRuntimeOptions.FromEnvironment(variables.GetValueOrDefault, output, TimeProvider.System);
        options.Logger.LogInformation("dropped");
        options.Logger.LogWarning("kept");

        Assert.Equal("127.0.0.1:9001", options.RuntimeApi);
        Assert.Equal("AuditTrail", options.HandlerName);
        Assert.Equal("governance-audit", options.FunctionName);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.SafetyMargin);
        Assert.Equal(LogLevel.Warning, options.Logging.Options.MinimumLevel);
        var line = Assert.Single(output.LogLines());
        Assert.Equal("governance", line.GetProperty("service").GetString());
        Assert.Equal(1024, line.GetProperty("function_memory_size").GetInt32());
        Assert.Equal(new Governance.Hosting.Metrics.MetricsOptions("Governance/Prod", "governance", "governance-audit"), options.Metrics.Options);
    }

    [Fact]
    public void FromEnvironment_WhenVariablesAreMissing_ShouldUseDefaults()
    {
        var output = new CapturingLineWriter();

        var options = LambdaRuntimeOptions.FromEnvironment(_ => null, output, TimeProvider.System);
        options.Logger.LogInformation("hello");

        Assert.Equal(string.Empty, options.RuntimeApi);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.SafetyMargin);
        Assert.Equal(LogLevel.Information, options.Logging.Options.MinimumLevel);
        var line = Assert.Single(output.LogLines());
        Assert.Equal(LoggerOptions.DefaultServiceName, line.GetProperty("service").GetString());
        Assert.False(line.TryGetProperty("function_memory_size", out _));
    }

    [Fact]
    public async Task Run_WithoutRuntimeApi_ShouldExitWithoutCallingTheFactory()
    {
        var output = new CapturingLineWriter();
        var options = LambdaRuntimeOptions.FromEnvironment(_ => null, output, TimeProvider.System);
        var built = false;

        var exitCode = await LambdaRuntime.RunAsync(
            _ =>
            {
                built = true;
                return DelegateHandler.Echo();
            },
            options,
            CancellationToken.None);

        Assert.Equal(LambdaRuntime.ExitNotInLambda, exitCode);
        Assert.False(built);
        Assert.Equal("CRITICAL", Assert.Single(output.LogLines()).GetProperty("level").GetString());
    }
}
