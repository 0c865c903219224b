using System.Diagnostics;
using System.Text.Json.Nodes;
using Governance.Local.Lambda;
using Xunit;

namespace Governance.Testing.Iam;

/// <summary>
/// An IAM policy evaluation engine (<c>@cloud-copilot/iam-simulate</c>, tests/iam-simulate) in one node process:
/// identity and resource policies, conditions and the cross-account rules, as AWS evaluates them. Use one per test
/// class (a class fixture); each evaluation is one line to the process and one line back.
/// </summary>
public sealed class IamSimulator : IAsyncLifetime, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _node;
    private int _next;

    public static string ToolFolder => RepositoryRoot.Combine("tests", "iam-simulate");

    public Task InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(ToolFolder, "node_modules", "@cloud-copilot", "iam-simulate")))
        {
            throw new InvalidOperationException($"the IAM engine is not installed: run `npm ci` in {ToolFolder} (./test does it when missing)");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            WorkingDirectory = ToolFolder,
        };
        start.ArgumentList.Add("evaluate.mjs");
        _node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        return Task.CompletedTask;
    }

    /// <summary>AWS's decision: <c>Allowed</c>, <c>ExplicitlyDenied</c> or <c>ImplicitlyDenied</c>.</summary>
    /// <exception cref="InvalidOperationException">The engine refused the simulation (a malformed policy, action or context key).</exception>
    public async Task<string> DecideAsync(JsonObject simulation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var node = _node ?? throw new InvalidOperationException("not initialised");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var id = (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await node.StandardInput.WriteLineAsync(new JsonObject { ["id"] = id, ["simulation"] = simulation.DeepClone() }.ToJsonString().AsMemory(), cancellationToken);
            await node.StandardInput.FlushAsync(cancellationToken);
            var line = await node.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("the IAM engine stopped");
            var answer = JsonNode.Parse(line)!.AsObject();
            if ((string?)answer["id"] != id)
            {
                throw new InvalidOperationException($"the IAM engine answered {(string?)answer["id"]} to request {id}");
            }

            var decision = (string?)answer["decision"];
            return decision is "Allowed" or "ExplicitlyDenied" or "ImplicitlyDenied"
                ? decision
                : throw new InvalidOperationException($"the IAM engine refused the simulation: {answer["errors"]?.ToJsonString()}\n{simulation.ToJsonString()}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_node is { } node)
        {
            try
            {
                node.StandardInput.Close();
                if (!node.WaitForExit(5000))
                {
                    node.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            node.Dispose();
            _node = null;
        }

        _gate.Dispose();
    }
}
