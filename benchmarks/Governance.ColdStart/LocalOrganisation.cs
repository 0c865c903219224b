using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Governance.Aws;
using Governance.Aws.Endpoints;
using Governance.Aws.Sts;

namespace Governance.ColdStart;

/// <summary>
/// The organisation <c>governance local up</c> builds on moto_server (central account with ledger, topic, model
/// bucket and deployment pipeline; team account with artifacts and a compliant package), in a settings folder of
/// the harness's own, and the events the real-work cases deliver. Each RegistrySync run syncs a package never seen
/// before (a copy of the compliant one) and each DeploymentTrigger run deploys the package its build synced in the
/// same round, both approved with <c>governance local approve</c>; the monitors' and the API's events get fresh ids.
/// </summary>
public sealed partial class LocalOrganisation : IAsyncDisposable
{
    private const string TeamAdmin = "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole";

    private readonly string _repositoryRoot;
    private readonly string _folder;
    private readonly Dictionary<string, string> _settings;
    private readonly RoleCredentialsCache _roles;
    private readonly AwsContext _aws;
    private int _copies;

    private LocalOrganisation(string repositoryRoot, string folder, Dictionary<string, string> settings)
    {
        _repositoryRoot = repositoryRoot;
        _folder = folder;
        _settings = settings;
        _aws = AwsContext.FromSettings(name => settings.GetValueOrDefault(name) ?? System.Environment.GetEnvironmentVariable(name));
        _roles = new RoleCredentialsCache(_aws.Sdk.Sts(), _aws.Time);
    }

    /// <summary>What a function is started with on this organisation: the local settings, less the CLI's own.</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        _settings.Where(pair => !pair.Key.StartsWith("GOVERNANCE_LOCAL_", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);

    public static async Task<LocalOrganisation> StartAsync(string repositoryRoot, string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
        {
            await GovernanceAsync(repositoryRoot, folder, ["local", "down"], cancellationToken);
        }

        await GovernanceAsync(repositoryRoot, folder, ["local", "up"], cancellationToken);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(folder, "env"), cancellationToken))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (!line.StartsWith('#') && separator > 0)
            {
                settings[line[..separator]] = line[(separator + 1)..].Trim('\'');
            }
        }

        return new LocalOrganisation(repositoryRoot, folder, settings);
    }

    /// <summary>The approval event of a team package never synced before: a copy of the compliant one.</summary>
    public async Task<byte[]> NewTeamApprovalAsync(CancellationToken cancellationToken)
    {
        var team = _aws.JsonChannel(AwsService.SageMaker, _roles.SourceFor(new AssumeRoleSpec(TeamAdmin, "coldstart")));
        var source = await team.CallAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = _settings["GOVERNANCE_LOCAL_COMPLIANT_PACKAGE"] }, cancellationToken);
        var copy = new JsonObject { ["ModelApprovalStatus"] = "PendingManualApproval" };
        foreach (var member in new[] { "ModelPackageGroupName", "ModelPackageDescription", "InferenceSpecification", "ModelMetrics", "CustomerMetadataProperties", "MetadataProperties" })
        {
            if (source.TryGetProperty(member, out var value))
            {
                copy[member] = JsonNode.Parse(value.GetRawText());
            }
        }

        var created = await team.CallAsync("CreateModelPackage", copy, cancellationToken);
        return await ApproveAsync(created.GetProperty("ModelPackageArn").GetString()!, cancellationToken);
    }

    /// <summary>A model risk manager's approval of the central package a RegistrySync response names.</summary>
    public async Task<byte[]> CentralApprovalAsync(string registrySyncResponse, CancellationToken cancellationToken)
    {
        var central = CentralPackage().Match(registrySyncResponse);
        return central.Success
            ? await ApproveAsync(central.Value, cancellationToken)
            : throw new InvalidOperationException("the RegistrySync response names no central package: " + registrySyncResponse);
    }

    /// <summary>A payload file with its RUN-ID / RUN-SHORT placeholders made unique to this run.</summary>
    public static byte[] Fresh(string payloadFile)
    {
        var id = Guid.NewGuid().ToString("N");
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", payloadFile))
            .Replace("RUN-ID", Guid.Parse(id).ToString(), StringComparison.Ordinal)
            .Replace("RUN-SHORT", id[..12], StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    public async ValueTask DisposeAsync()
    {
        _roles.Dispose();
        await GovernanceAsync(_repositoryRoot, _folder, ["local", "down"], CancellationToken.None);
    }

    private async Task<byte[]> ApproveAsync(string packageArn, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_folder, "events", $"approval-{Interlocked.Increment(ref _copies)}.json");
        await GovernanceAsync(_repositoryRoot, _folder, ["local", "approve", packageArn, "--out", file], cancellationToken);
        return await File.ReadAllBytesAsync(file, cancellationToken);
    }

    private static async Task GovernanceAsync(string repositoryRoot, string folder, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(repositoryRoot, "governance"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repositoryRoot,
        };
        start.Environment["GOVERNANCE_LOCAL_DIR"] = folder;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("governance did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"governance {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    [GeneratedRegex(@"arn:aws:sagemaker:[a-z0-9-]+:123456789012:model-package/[A-Za-z0-9-]+/[0-9]+")]
    private static partial Regex CentralPackage();
}
