using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Governance.Aws.Signing;
using Governance.Core.Routing;
using Governance.Testing;
using Governance.Local.Lambda;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// The real bootstrap process, configured as Lambda configures it (the role's temporary credentials in
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN), on the IAM-enforcing moto: once with its own
/// role (the event is processed) and once with a role that may not write the ledger (the invocation fails with
/// the denial). Nothing it prints, nor the error it posts to the Runtime API, holds a credential or signature.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(IamMotoGroup.Name)]
public sealed class BootstrapSecretsTests(IamMoto iam)
{
    [Fact]
    public async Task Bootstrap_ServingAndFailingOnDenial_ShouldPrintAndPostNoSecret()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var payload = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", "pipeline-execution-failed.json"));

        var own = await RunAsync(bed, await bed.CredentialsOfAsync(HandlerNames.PipelineMonitor), payload);
        var redelivered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        var denied = await RunAsync(bed, await bed.CredentialsOfAsync(HandlerNames.LineageApi), redelivered);

        Assert.Equal(ResultKind.Response, own.Result.Kind);
        Assert.Contains("\"outcome\":\"processed\"", Encoding.UTF8.GetString(own.Result.Body), StringComparison.Ordinal);
        Assert.Equal(ResultKind.Error, denied.Result.Kind);
        var error = Encoding.UTF8.GetString(denied.Result.Body);
        Assert.Contains("not authorized to perform: dynamodb:", error, StringComparison.Ordinal);
        SecretScan.AssertClean([.. own.Output, .. denied.Output, error], bed.Secrets);
    }

    private static async Task<(PostedResult Result, IReadOnlyList<string> Output)> RunAsync(SecureBed bed, SigningCredentials credentials, byte[] payload)
    {
        await using var api = await LoopbackRuntimeApi.StartAsync();
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo(BootstrapBinary.Resolve(RepositoryRoot.Path))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort;
        start.Environment["_HANDLER"] = HandlerNames.PipelineMonitor;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = HandlerNames.PipelineMonitor;
        start.Environment["GOVERNANCE_CENTRAL_ACCOUNT"] = SecureBed.CentralAccount;
        start.Environment["GOVERNANCE_TABLE"] = bed.Table;
        start.Environment["GOVERNANCE_TOPIC_ARN"] = bed.TopicArn;
        start.Environment["POWERTOOLS_LOG_LEVEL"] = "Debug";
        start.Environment["AWS_REGION"] = MotoServer.Region;
        start.Environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        start.Environment["AWS_SESSION_TOKEN"] = credentials.SessionToken;
        start.Environment["AWS_ENDPOINT_URL"] = bed.Aws.Endpoints.ConfiguredEndpoint("SNS")!.ToString();
        foreach (var inherited in new[] { "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", MotoServer.EndpointVariable })
        {
            start.Environment.Remove(inherited);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bootstrap did not start");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { output.Enqueue(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { output.Enqueue(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        PostedResult result;
        try
        {
            api.Enqueue(LoopbackRuntimeApi.Invocation("only", payload, TimeSpan.FromSeconds(30)));
            result = await api.ResultAsync("only", TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            // Returns once the process has exited and every line it wrote has been read.
            process.WaitForExit();
        }

        return (result, [.. output]);
    }
}
