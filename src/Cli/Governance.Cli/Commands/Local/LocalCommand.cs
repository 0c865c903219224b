using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws;
using Governance.Aws.SageMaker;
using Governance.Aws.Sqs;
using Governance.Aws.Sts;
using Governance.Handlers.Settings;
using Governance.Local;

namespace Governance.Cli.Commands.Local;

/// <summary>
/// <c>governance local up|down|approve|deploy|config-rule|update-endpoint|notifications</c>: the local stand-in for the AWS accounts the service
/// runs in, on moto_server.
/// </summary>
public static class LocalCommand
{
    public const string Help = """
        Usage: governance local <subcommand> [options]

        A local stand-in for the governance and team accounts, on the moto_server AWS emulator.

        Subcommands:
          up [--endpoint URL]     start moto_server on a free loopback port (or use the one at URL) and provision
                                  the central account (ledger table, topic, a team's subscriber queue with a
                                  filter policy, model bucket, deployment pipeline) and a team account reachable by
                                  AssumeRole (reader role, artifact bucket, a package group with one compliant and
                                  one non-compliant package); writes the settings to .local/env
          approve ARN [--out F]   approve a model package in the emulated registry (team or central account) and
                                  write the EventBridge event SageMaker would emit (default: .local/events/)
          deploy                  run the deployment pipeline's executions not run yet: each deploys the package it was
                                  started for into its team account as the DeploymentPipeline role (CreateModel,
                                  CreateEndpointConfig, CreateEndpoint on the emulator) and ends as the emulator says; writes
                                  CloudTrail's records of the calls and SageMaker's pipeline status change
          config-rule ENDPOINT    evaluate the Config rule sagemaker-endpoint-configuration-kms-key-configured on a
                                  team endpoint and write Config's compliance change (with its annotation)
          update-endpoint ENDPOINT  a data scientist changes a team endpoint by hand, outside the pipeline: a new
                                  endpoint configuration and the UpdateEndpoint CloudTrail records
          notifications [--consume]  print what the team's subscriber queue received (left in the queue unless
                                  --consume deletes what was printed)
          down                    stop what 'up' started and remove .local/env

        approve, deploy, config-rule and update-endpoint write events to .local/events/ in the order they
        happened; replay them with 'governance --local replay .local/events'.

        Use the settings with 'governance --local <command>' (for example 'governance --local replay …').
        """;

    private static readonly string[] Subcommands = ["up", "down", "approve", "deploy", "config-rule", "update-endpoint", "notifications"];

    /// <param name="settings">The settings the command is run with; <c>.local/env</c> is read over them where a subcommand needs it.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args.Any(arg => arg is "-h" or "--help"))
        {
            await stdout.WriteAsync(Help);
            return args.Count == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                "up" => await UpAsync(args.Skip(1).ToList(), settings, stdout, stderr, cancellationToken),
                "down" when args.Count > 1 => await UsageAsync(stderr, $"down takes no options, not '{args[1]}'"),
                "down" => await DownAsync(stdout),
                "approve" => await ApproveAsync(args.Skip(1).ToList(), settings, stdout, stderr, cancellationToken),
                "deploy" when args.Count > 1 => await UsageAsync(stderr, $"deploy takes no options, not '{args[1]}'"),
                "deploy" => await DeploymentAsync(settings, stdout, async (deployment, token) => await deployment.DeployAsync(token) > 0 ? 0 : 1, cancellationToken),
                "config-rule" or "update-endpoint" when args.Count != 2 || args[1].StartsWith('-') =>
                    await UsageAsync(stderr, $"{args[0]} takes an endpoint name and no options"),
                "config-rule" => await DeploymentAsync(settings, stdout, async (deployment, token) => { await deployment.EvaluateAsync(args[1], token); return 0; }, cancellationToken),
                "update-endpoint" => await DeploymentAsync(settings, stdout, async (deployment, token) => { await deployment.UpdateEndpointAsync(args[1], token); return 0; }, cancellationToken),
                "notifications" when args.Skip(1).FirstOrDefault(arg => arg != "--consume") is { } unknown =>
                    await UsageAsync(stderr, $"notifications takes only --consume, not '{unknown}'"),
                "notifications" => await NotificationsAsync(args.Contains("--consume"), settings, stdout, stderr, cancellationToken),
                _ => await UsageAsync(stderr, $"unknown subcommand '{args[0]}'"
                    + (Shell.CommandSyntax.Closest(args[0], Subcommands) is { } closest ? $"; did you mean '{closest}'?" : "")),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or Aws.Http.AwsServiceException or Aws.Http.AwsTransportException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"governance local {args[0]}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> UpAsync(List<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (LocalSettings.TryLoad() is { } existing)
        {
            await stderr.WriteLineAsync($"governance local up: {LocalSettings.FilePath()} exists (endpoint {existing.Find("AWS_ENDPOINT_URL")}); run 'governance local down' first");
            return 1;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Uri endpoint;
        if (args.Count == 2 && args[0] == "--endpoint")
        {
            endpoint = new Uri(args[1]);
            await Emulator.WaitUntilReadyAsync(endpoint, Emulator.StartTimeout, null, cancellationToken);
            await stdout.WriteLineAsync($"using the emulator at {endpoint}");
        }
        else if (args.Count == 0)
        {
            Directory.CreateDirectory(LocalSettings.Folder());
            var (started, pid) = await Emulator.StartDetachedAsync(Path.Combine(LocalSettings.Folder(), "moto.log"), cancellationToken);
            endpoint = started;
            values[LocalSettings.EmulatorPidKey] = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await stdout.WriteLineAsync($"started moto_server on {endpoint} (pid {pid})");
        }
        else
        {
            return await UsageAsync(stderr, $"up takes no arguments, or --endpoint URL, not '{string.Join(' ', args)}'");
        }

        values["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/');
        values["AWS_REGION"] = LocalAccounts.Region;
        values["AWS_DEFAULT_REGION"] = LocalAccounts.Region;
        values["AWS_ACCESS_KEY_ID"] = "testing";
        values["AWS_SECRET_ACCESS_KEY"] = "testing";
        var partial = new LocalSettings(values);
        partial.Save();

        await stdout.WriteLineAsync("provisioning the emulated accounts:");
        var provisioned = await new LocalProvisioner(AwsContext.FromSettings(partial.Over(settings)), stdout).ProvisionAsync(cancellationToken);
        foreach (var (key, value) in provisioned)
        {
            values[key] = value;
        }

        new LocalSettings(values).Save();
        await stdout.WriteLineAsync($"settings written to {LocalSettings.FilePath()}; use them with 'governance --local <command>'");
        return 0;
    }

    private static async Task<int> DownAsync(TextWriter stdout)
    {
        var settings = LocalSettings.TryLoad();
        if (settings is null)
        {
            await stdout.WriteLineAsync("nothing to stop: no local settings");
            return 0;
        }

        if (settings.EmulatorPid is { } pid)
        {
            await stdout.WriteLineAsync(Emulator.Stop(pid) ? $"stopped moto_server (pid {pid})" : $"moto_server (pid {pid}) was not running");
        }

        File.Delete(LocalSettings.FilePath());
        File.Delete(Path.Combine(LocalSettings.Folder(), "finished-executions"));
        var events = LocalEventFiles.Folder;
        if (Directory.Exists(events))
        {
            Directory.Delete(events, recursive: true);
        }

        await stdout.WriteLineAsync($"removed {LocalSettings.FilePath()}");
        return 0;
    }

    private static async Task<int> ApproveAsync(List<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var local = RequireSettings();
        if (args.Count is not (1 or 3) || (args.Count == 3 && args[1] != "--out"))
        {
            return await UsageAsync(stderr, "approve takes a model package ARN and optionally --out FILE");
        }

        var arn = args[0];
        var account = arn.Split(':') is { Length: > 5 } parts ? parts[4] : throw new InvalidOperationException($"'{arn}' is not a model package ARN");
        var aws = AwsContext.FromSettings(local.Over(settings));
        using var roles = new RoleCredentialsCache(aws.Sdk.Sts(), aws.Time);
        var (role, session) = account == local[SettingNames.CentralAccount]
            ? (LocalAccounts.RiskManagerRole, LocalAccounts.RiskManagerSession)
            : (LocalAccounts.TeamApproverRole, LocalAccounts.TeamApproverSession);
        var approver = $"arn:aws:sts::{account}:assumed-role/{role}/{session}";
        var sageMaker = aws.SageMaker(roles.SourceFor(new AssumeRoleSpec($"arn:aws:iam::{account}:role/{role}", session)));
        var before = await sageMaker.DescribeModelPackageAsync(arn, cancellationToken);
        await sageMaker.UpdateModelPackageAsync(
            new UpdateModelPackageRequest(arn)
            {
                ModelApprovalStatus = "Approved",
                ApprovalDescription = "approved with 'governance local approve'",
                // moto's UpdateModelPackage drops the customer metadata it is not given (AWS keeps it): restate it.
                CustomerMetadataProperties = before.CustomerMetadata,
            },
            cancellationToken);
        var described = await sageMaker.DescribeModelPackageAsync(arn, cancellationToken);
        var approval = ApprovalEvents.Build(described.Document, Guid.NewGuid().ToString(), aws.Time.GetUtcNow(), new Dictionary<string, string>());
        // moto names a made-up Studio user as the last modifier; AWS names the caller's IAM identity, as here.
        approval["detail"]!["LastModifiedBy"] = new JsonObject { ["IamIdentity"] = new JsonObject { ["Arn"] = approver } };

        var file = await new LocalEventFiles(aws.Time).WriteAsync(
            approval, $"{string.Join('-', arn.Split('/').Skip(1))}-approved", cancellationToken, args.Count == 3 ? args[2] : null);
        await stdout.WriteLineAsync($"approved {arn} in account {account}; SageMaker's event written to {file}");
        return 0;
    }

    private static async Task<int> NotificationsAsync(bool consume, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var local = RequireSettings();
        var aws = AwsContext.FromSettings(local.Over(settings));
        using var sqs = aws.Sdk.Sqs();
        var queues = new SqsQueues(sqs);
        var queue = local["GOVERNANCE_LOCAL_SUBSCRIBER_QUEUE"];
        var messages = consume ? await queues.DrainAsync(queue, 100, cancellationToken) : await queues.PeekAsync(queue, 100, cancellationToken);
        if (messages.Count == 0)
        {
            await stdout.WriteLineAsync("the subscriber queue is empty");
            return 0;
        }

        foreach (var message in messages)
        {
            await stdout.WriteLineAsync(SubscriberView.Describe(message.Body));
        }

        return 0;
    }

    private static async Task<int> DeploymentAsync(
        Func<string, string?> settings, TextWriter stdout, Func<LocalDeployment, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var local = RequireSettings();
        var aws = AwsContext.FromSettings(local.Over(settings));
        using var deployment = new LocalDeployment(aws, local, new LocalEventFiles(aws.Time), stdout);
        return await action(deployment, cancellationToken);
    }

    private static LocalSettings RequireSettings() =>
        LocalSettings.TryLoad() ?? throw new InvalidOperationException($"no local settings at {LocalSettings.FilePath()}: run 'governance local up' first");

    private static Task<int> UsageAsync(TextWriter stderr, string problem) => CommandUsage.ErrorAsync("local", problem, stderr);
}
