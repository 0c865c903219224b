using Governance.Local;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// A moto_server (the AWS emulator) on a loopback port for adapter and end-to-end tests. When
/// <c>GOVERNANCE_TEST_MOTO_ENDPOINT</c> is set (./test starts one server for the whole run) that server is
/// used; otherwise this fixture starts its own on a free port and stops it on dispose (see <see cref="Emulator"/>).
/// Tests isolate themselves by unique resource names, never by resetting the emulator.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string EndpointVariable = "GOVERNANCE_TEST_MOTO_ENDPOINT";

    /// <summary>The account moto acts as for the static test credentials.</summary>
    public const string DefaultAccountId = "123456789012";

    public const string Region = "us-east-1";
    public const string AccessKeyId = "testing";
    public const string SecretAccessKey = "testing";

    private readonly IReadOnlyDictionary<string, string>? _environment;
    private Emulator? _emulator;

    /// <summary>The shared server: <c>GOVERNANCE_TEST_MOTO_ENDPOINT</c> when set, else one of its own.</summary>
    public MotoServer()
    {
    }

    private MotoServer(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    public Uri Endpoint => _emulator?.Endpoint ?? new("http://127.0.0.1:1");

    /// <summary>
    /// A server of its own (never the shared one) started with extra environment variables, e.g.
    /// <c>INITIAL_NO_AUTH_ACTION_COUNT</c> to have moto enforce IAM. Call <see cref="InitializeAsync"/> to start it.
    /// </summary>
    public static MotoServer WithEnvironment(IReadOnlyDictionary<string, string> environment) =>
        new(environment ?? throw new ArgumentNullException(nameof(environment)));

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EndpointVariable);
        _emulator = _environment is null && !string.IsNullOrWhiteSpace(configured)
            ? await Emulator.AttachAsync(new Uri(configured), CancellationToken.None)
            : await Emulator.StartAsync(_environment, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>A name unique to this run, for tables, topics, buckets and groups.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, prefix.Length + 33)];

    public static int FreeLoopbackPort() => Emulator.FreeLoopbackPort();
}
