using Amazon.SQS;
using Amazon.SQS.Model;
using Governance.Aws.Sqs;
using Governance.Testing;

namespace Governance.Aws.Tests.Sqs;

/// <summary>The subscriber-queue port on the official SQS client, against moto_server.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class SqsQueuesMotoTests(MotoServer moto) : IDisposable
{
    private readonly IAmazonSQS _sqs = MotoContext.Sdk(moto).Sqs(MotoContext.SdkCredentials);

    public void Dispose() => _sqs.Dispose();

    private async Task<(SqsQueues Queues, string Url)> QueueWithMessagesAsync(int count)
    {
        var queues = new SqsQueues(_sqs);
        var url = await queues.CreateAsync(MotoServer.UniqueName("subscriber"), CancellationToken.None);
        for (var index = 0; index < count; index++)
        {
            await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = $"message {index}" });
        }

        return (queues, url);
    }

    [Fact]
    public async Task Arn_ShouldNameTheQueueInTheCallersAccount()
    {
        var queues = new SqsQueues(_sqs);
        var name = MotoServer.UniqueName("subscriber");
        var url = await queues.CreateAsync(name, CancellationToken.None);

        Assert.Equal($"arn:aws:sqs:{MotoServer.Region}:{MotoServer.DefaultAccountId}:{name}", await queues.ArnAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Peek_ShouldReadEveryMessageAndLeaveThemAllForTheNextLook()
    {
        var (queues, url) = await QueueWithMessagesAsync(12);

        var first = await queues.PeekAsync(url, 100, CancellationToken.None);
        var second = await queues.PeekAsync(url, 100, CancellationToken.None);

        Assert.Equal(12, first.Count);
        Assert.Equal(first.Select(message => message.Body).Order(), second.Select(message => message.Body).Order());
    }

    [Fact]
    public async Task Drain_ShouldConsumeWhatItRead_AndStopAtTheMaximum()
    {
        var (queues, url) = await QueueWithMessagesAsync(12);

        var drained = await queues.DrainAsync(url, 11, CancellationToken.None);
        var left = await queues.DrainAsync(url, 100, CancellationToken.None);

        Assert.Equal(11, drained.Count);
        Assert.Single(left);
        Assert.DoesNotContain(left[0].Body, drained.Select(message => message.Body));
    }
}
