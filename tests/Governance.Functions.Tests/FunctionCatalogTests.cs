using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Handlers.Settings;
using Governance.Hosting.Runtime;

namespace Governance.Functions.Tests;

public class FunctionCatalogTests
{
    [Fact]
    public void Create_WhenHandlerIsUnknown_ShouldListTheKnownHandlers()
    {
        var error = Assert.Throws<UnknownHandlerException>(() => TestFunctions.Create("RegistrySink"));

        Assert.All(HandlerNames.All, name => Assert.Contains(name, error.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("registrysync")]
    [InlineData(" AuditTrail ")]
    public void Create_ShouldMatchHandlerNamesIgnoringCaseAndSpaces(string name)
    {
        var (function, _) = TestFunctions.Create(name);

        Assert.IsType<EventFunction>(function);
    }

    [Fact]
    public void Create_ShouldBuildEveryEventDrivenHandler()
    {
        Assert.All(HandlerNames.All.Where(name => name is not HandlerNames.LineageApi and not HandlerNames.LedgerAnchor), name => Assert.IsType<EventFunction>(TestFunctions.Create(name).Function));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("12345", "12-digit")]
    [InlineData("abcdefghijkl", "12-digit")]
    public void Options_WhenCentralAccountIsMissingOrMalformed_ShouldSayWhatIsWrong(string? value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => MonitorOptions.Read(
            name => name == SettingNames.CentralAccount ? value : TestFunctions.Settings.GetValueOrDefault(name), HandlerNames.AuditTrail));

        var problem = Assert.Single(error.Problems);
        Assert.Contains(SettingNames.CentralAccount, problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ForAMonitor_ShouldLinkEachPipelineTheShippedRoutingNamesToItsRoutes()
    {
        var options = MonitorOptions.Read(name => TestFunctions.Settings.GetValueOrDefault(name), HandlerNames.AuditTrail);

        var pipeline = options.Monitors.ChangeManagement.Resource(
            Governance.Core.Monitors.DeploymentMachinery.PipelineType, "model-deployment-codepipeline", "us-east-1", TestFunctions.CentralAccount);

        Assert.NotNull(pipeline);
        Assert.Equal(["codepipeline-teams"], options.Monitors.ChangeManagement.RoutesOf(pipeline));
    }

    [Fact]
    public void Options_ForAMonitor_WhenTheRoutingFileNamedIsMissing_ShouldSaySo()
    {
        var error = Assert.Throws<SettingsException>(() => MonitorOptions.Read(
            name => name == SettingNames.RoutingPath ? "/nonexistent/routing.json" : TestFunctions.Settings.GetValueOrDefault(name), HandlerNames.AuditTrail));

        Assert.Contains("/nonexistent/routing.json does not exist", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GovernanceArtifactCopier")]
    [InlineData("arn:aws:iam::123456789012:user/copier")]
    [InlineData("arn:aws:s3:::governance-models")]
    public void Options_WhenCopierRoleIsNotARoleArn_ShouldSayWhatItMustBe(string value)
    {
        var error = Assert.Throws<SettingsException>(() => RegistrySyncOptions.Read(
            name => name == SettingNames.CopierRoleArn ? value : TestFunctions.Settings.GetValueOrDefault(name)));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"{SettingNames.CopierRoleArn} is \"{value}\": it must be an IAM role ARN", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithACopierRoleArn_ShouldCarryIt()
    {
        const string copier = "arn:aws:iam::123456789012:role/governance-artifact-copier";

        var options = RegistrySyncOptions.Read(name => name == SettingNames.CopierRoleArn ? copier : TestFunctions.Settings.GetValueOrDefault(name));

        Assert.Equal(copier, options.CopierRoleArn);
        Assert.Null(RegistrySyncOptions.Read(name => TestFunctions.Settings.GetValueOrDefault(name)).CopierRoleArn);
    }

    [Fact]
    public void Create_LedgerAnchorWithoutItsSettings_ShouldFailInitListingBoth()
    {
        var error = Assert.Throws<SettingsException>(() => TestFunctions.Create(HandlerNames.LedgerAnchor, _ => null));

        Assert.StartsWith("LedgerAnchor cannot start: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            [SettingNames.Table + " is not set", SettingNames.DigestBucket + " is not set"],
            error.Problems.Select(problem => problem[..problem.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void Create_LineageApiWithSeveralSettingsWrong_ShouldFailInitListingEveryProblem()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SettingNames.CentralAccount] = TestFunctions.CentralAccount,
            [SettingNames.Region] = "nowhere",
            [SettingNames.ScopingFile] = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "scoping.json"),
        };

        var error = Assert.Throws<SettingsException>(() => TestFunctions.Create(HandlerNames.LineageApi, name => settings.GetValueOrDefault(name)));

        Assert.StartsWith("LineageApi cannot start: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Problems.Count);
        Assert.Contains(error.Problems, problem => problem.StartsWith(SettingNames.Table + " is not set", StringComparison.Ordinal));
        Assert.Contains(error.Problems, problem => problem.StartsWith(SettingNames.PageTokenSecretArn + " is not set", StringComparison.Ordinal));
        Assert.Contains(error.Problems, problem => problem.StartsWith(settings[SettingNames.ScopingFile] + " does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Problems, problem => problem.StartsWith(SettingNames.Region + ": region 'nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_WhenSeveralSettingsAreWrong_ShouldFailInitListingEveryProblem()
    {
        var policy = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(policy, """{"version":1,"rules":{"requiredTags":{"mode":"sometimes","keys":["team"]}}}""");
        try
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [SettingNames.CentralAccount] = "12345",
                [SettingNames.TopicArn] = "arn:aws:sns:us-east-1:123456789012:governance",
                [SettingNames.ReaderRole] = "GovernanceModelReader",
                [SettingNames.PolicyPath] = policy,
            };

            var error = Assert.Throws<SettingsException>(() => TestFunctions.Create(HandlerNames.RegistrySync, name => settings.GetValueOrDefault(name)));

            Assert.StartsWith("RegistrySync cannot start: ", error.Message, StringComparison.Ordinal);
            Assert.Equal(4, error.Problems.Count);
            Assert.Contains(error.Problems, problem => problem.Contains(SettingNames.CentralAccount, StringComparison.Ordinal) && problem.Contains("12-digit", StringComparison.Ordinal));
            Assert.Contains(error.Problems, problem => problem.StartsWith(SettingNames.Table + " is not set", StringComparison.Ordinal));
            Assert.Contains(error.Problems, problem => problem.StartsWith(SettingNames.ModelBucket + " is not set", StringComparison.Ordinal));
            Assert.Contains(error.Problems, problem => problem.Contains(policy, StringComparison.Ordinal) && problem.Contains("sometimes", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public void Create_ShouldBuildOnlyThePortsTheHandlerUses()
    {
        var ports = new CountingPorts();

        FunctionCatalog.Create(HandlerNames.AuditTrail, name => TestFunctions.Settings.GetValueOrDefault(name), Logger(), Metrics(), ports);
        var afterMonitor = (ports.Ledgers, ports.Registries, ports.Launchers);
        FunctionCatalog.Create(HandlerNames.DeploymentTrigger, name => TestFunctions.Settings.GetValueOrDefault(name), Logger(), Metrics(), ports);

        Assert.Equal((1, 0, 0), afterMonitor);
        Assert.Equal((2, 0, 1), (ports.Ledgers, ports.Registries, ports.Launchers));
    }

    private static Microsoft.Extensions.Logging.ILogger Logger() =>
        new Hosting.Logging.PowertoolsLoggerProvider(
            new Hosting.Logging.LoggerOptions("ml-governance", "test", 512, Microsoft.Extensions.Logging.LogLevel.Debug), new Support.LineCapture(), TimeProvider.System).CreateLogger();

    private static Hosting.Metrics.LambdaMetrics Metrics() =>
        new(new Hosting.Metrics.MetricsOptions("MlGovernance", "ml-governance", "test"), new Support.LineCapture(), TimeProvider.System);

    /// <summary>In-memory ports that count what the compositions asked for.</summary>
    private sealed class CountingPorts : Handlers.Composition.IPortFactory
    {
        private readonly InMemoryPorts _inner = new();

        public int Ledgers { get; private set; }

        public int Registries { get; private set; }

        public int Launchers { get; private set; }

        public Handlers.Composition.LedgerPorts Ledger(LedgerOptions options)
        {
            Ledgers++;
            return _inner.Ledger(options);
        }

        public Handlers.Composition.RegistryPorts Registry(RegistrySyncOptions options)
        {
            Registries++;
            return _inner.Registry(options);
        }

        public Core.Flows.IPipelineLauncher Launcher()
        {
            Launchers++;
            return _inner.Launcher();
        }

        public Core.Flows.ICentralRegistry CentralRegistry() => _inner.CentralRegistry();

        public Core.Ledger.Anchoring.LedgerAnchoring Anchoring(LedgerAnchorOptions options) => _inner.Anchoring(options);
    }
}
