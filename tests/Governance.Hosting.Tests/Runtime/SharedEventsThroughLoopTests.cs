using Governance.Local.Lambda;
using Governance.Hosting.Tests.Support;
using Governance.Testing;

namespace Governance.Hosting.Tests.Runtime;

[Collection(RuntimeLoopGroup.Name)]
public sealed class SharedEventsThroughLoopTests
{
    [SharedFact]
    public async Task EverySampleEvent_ValidOrNot_ShouldReachTheHandlerByteForByte()
    {
        var files = Directory.GetFiles(SharedFolder.Combine("events"), "*.json*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        await using var harness = await RuntimeHarness.StartAsync(DelegateHandler.Echo());

        var expected = new Dictionary<string, byte[]>();
        foreach (var (file, index) in files.Select((file, index) => (file, index)))
        {
            var requestId = $"sample-{index}";
            expected[requestId] = await File.ReadAllBytesAsync(file);
            harness.Api.Enqueue(LoopbackRuntimeApi.Invocation(requestId, expected[requestId], TimeSpan.FromMinutes(1)));
        }

        foreach (var (requestId, bytes) in expected)
        {
            var result = await harness.Api.ResultAsync(requestId);
            Assert.Equal(ResultKind.Response, result.Kind);
            Assert.Equal(bytes, result.Body);
        }
    }
}
