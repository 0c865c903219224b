using System.Net.Sockets;
using System.Text;
using Governance.Testing;
using static Governance.Cli.Tests.Lineage.LineageCliLedger;

namespace Governance.Cli.Tests.Process;

/// <summary><c>governance api</c> as a process: no request, however odd, stops it.</summary>
[Collection(MotoGroup.Name)]
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
public sealed class ApiServerProcessTests(MotoServer moto) : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("governance-api-");

    [Fact]
    public async Task PostWithoutABody_ShouldAnswer405Json_AndTheServerShouldKeepServing()
    {
        var port = MotoServer.FreeLoopbackPort();
        await using var server = await CliServer.StartAsync(
            ["api", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. await ConnectionAsync(moto)],
            CliProcess.MotoEnvironment(_home.FullName), _home.FullName, TimeSpan.FromMinutes(2));

        var post = await RawAsync(port, "POST /violations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        var postWithBody = await RawAsync(port, "POST /violations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        var rebound = await RawAsync(port, "GET /violations HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var get = await http.GetAsync(new Uri("violations", UriKind.Relative));

        Assert.StartsWith("HTTP/1.1 405", post, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"method-not-allowed\"", post, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 405", postWithBody, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 421", rebound, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("violations", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(server.HasExited, server.Errors);
    }

    public void Dispose() => _home.Delete(recursive: true);

    private static async Task<string> RawAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
