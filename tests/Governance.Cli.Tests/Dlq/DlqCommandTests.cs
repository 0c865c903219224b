using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Governance.Handlers.Settings;
using Governance.Testing;

namespace Governance.Cli.Tests.Dlq;

/// <summary>
/// <c>governance dlq</c> against moto's SQS, with dead letters in the two shapes AWS writes: Lambda's on-failure
/// invocation record and an EventBridge rule's dead letter with its error attributes. The CLI is given its
/// settings (moto's endpoint and keys), as the functions are.
/// </summary>
[Collection(MotoGroup.Name)]
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
public sealed class DlqCommandTests(MotoServer moto)
{
    private readonly string _stack = "dlq" + Guid.NewGuid().ToString("N")[..10];

    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
        ["AWS_REGION"] = MotoServer.Region,
        ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretAccessKey,
    };

    [Fact]
    public async Task List_ShouldShowWhyEachMessageFailedInEveryDeadLetterQueueOfTheStack()
    {
        using var sqs = Use(moto);
        var functions = await QueueAsync(sqs, "RegistrySyncDeadLetterQueue");
        var forwarding = await QueueAsync(sqs, "ForwardingDeadLetterQueue");
        var unrelated = await QueueAsync(sqs, "NotificationSubscriber");
        await sqs.SendMessageAsync(functions, InvocationRecord("registry-sync", Event("evt-failed")));
        await sqs.SendMessageAsync(RuleDeadLetter(forwarding, Event("evt-undelivered")));
        await sqs.SendMessageAsync(unrelated, "not a dead letter");

        var (exit, output, errors) = await RunAsync("dlq", "list", "--stack", _stack);

        Assert.True(exit == 0, errors);
        Assert.True(output.Contains($"{_stack}-RegistrySyncDeadLetterQueue-X1: 1 message(s)", StringComparison.Ordinal), output);
        Assert.True(output.Contains($"{_stack}-ForwardingDeadLetterQueue-X1: 1 message(s)", StringComparison.Ordinal), output);
        Assert.DoesNotContain("NotificationSubscriber", output, StringComparison.Ordinal);
        Assert.True(output.Contains("event evt-failed  function failed: EventRejectedException: event rejected: detail.ModelApprovalStatus is missing (RetriesExhausted)", StringComparison.Ordinal), output);
        Assert.True(output.Contains("attempts 3", StringComparison.Ordinal), output);
        Assert.True(output.Contains("event evt-undelivered  not delivered: 429: Rate exceeded (MaximumRetryAttempts)", StringComparison.Ordinal), output);
        Assert.Equal(1, await CountAsync(sqs, functions));
        Assert.Equal(1, await CountAsync(sqs, forwarding));
    }

    [Fact]
    public async Task Show_ShouldPrintTheEventInsideTheInvocationRecord()
    {
        using var sqs = Use(moto);
        var queue = await QueueAsync(sqs, "AuditTrailDeadLetterQueue");
        await sqs.SendMessageAsync(queue, InvocationRecord("audit-trail", Event("evt-shown")));

        var (exit, output, errors) = await RunAsync("dlq", "show", "--queue", $"{_stack}-AuditTrailDeadLetterQueue-X1");

        Assert.True(exit == 0, errors);
        Assert.Contains("\"id\": \"evt-shown\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("requestContext", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redrive_ThroughLambda_ShouldDeleteOnlyTheMessagesTheFunctionHandled()
    {
        using var sqs = Use(moto);
        await using var lambda = new FakeLambda(new()
        {
            ["registry-sync"] = (null, """{"eventId":"evt-ok","outcome":"processed"}"""),
            ["broken-sync"] = ("Unhandled", """{"errorType":"FlowFailedException","errorMessage":"still failing"}"""),
        });
        _settings["AWS_ENDPOINT_URL_LAMBDA"] = lambda.Endpoint.ToString();
        var queue = await QueueAsync(sqs, "RegistrySyncDeadLetterQueue");
        var ok = Event("evt-ok");
        await sqs.SendMessageAsync(queue, InvocationRecord("registry-sync", ok));
        await sqs.SendMessageAsync(queue, InvocationRecord("broken-sync", Event("evt-again")));
        await sqs.SendMessageAsync(RuleDeadLetter(queue, Event("evt-bus"), target: "arn:aws:events:us-east-1:123456789012:event-bus/governance"));

        var (dryExit, dryOutput, _) = await RunAsync("dlq", "redrive", "--stack", _stack, "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.Contains("dry run: would invoke registry-sync", dryOutput, StringComparison.Ordinal);
        Assert.Empty(lambda.Received);
        Assert.Equal(3, await CountAsync(sqs, queue));

        var (exit, output, _) = await RunAsync("dlq", "redrive", "--stack", _stack);

        Assert.Equal(1, exit);
        Assert.True(output.Contains("redriven through registry-sync: processed; deleted", StringComparison.Ordinal), output);
        Assert.True(output.Contains("kept: broken-sync failed again (Unhandled)", StringComparison.Ordinal), output);
        Assert.True(output.Contains("is not a function; redrive it with --replay", StringComparison.Ordinal), output);
        var sent = Assert.Single(lambda.Received, invoke => invoke.Path == "/2015-03-31/functions/registry-sync/invocations");
        Assert.Equal(JsonNode.Parse(ok)!.ToJsonString(), JsonNode.Parse(sent.Body)!.ToJsonString());
        Assert.Contains("/us-east-1/lambda/aws4_request", sent.Authorization, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(sqs, queue));
    }

    [Fact]
    public async Task Redrive_WithReplay_ShouldDeleteHandledEventsAndKeepRejectedOnes()
    {
        using var sqs = Use(moto);
        _settings[SettingNames.CentralAccount] = "123456789012";
        var queue = await QueueAsync(sqs, "ForwardingDeadLetterQueue");
        var pending = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "events", "model-package-pending.json"));
        await sqs.SendMessageAsync(RuleDeadLetter(queue, pending, target: "arn:aws:events:us-east-1:123456789012:event-bus/governance"));
        await sqs.SendMessageAsync(RuleDeadLetter(queue, """{"version":"0","id":"evt-broken","detail-type":"SageMaker Model Package State Change","source":"aws.sagemaker","account":"111111111111","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":"oops"}"""));

        var (exit, output, _) = await RunAsync("dlq", "redrive", "--stack", _stack, "--replay");

        Assert.Equal(1, exit);
        Assert.True(output.Contains("replayed: ignored (", StringComparison.Ordinal), output);
        Assert.True(output.Contains("kept: replay rejected", StringComparison.Ordinal), output);
        Assert.Equal(1, await CountAsync(sqs, queue));
    }

    private static AmazonSQSClient Use(MotoServer server) =>
        new(
            new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey),
            new AmazonSQSConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    private async Task<string> QueueAsync(AmazonSQSClient sqs, string logicalId) =>
        (await sqs.CreateQueueAsync($"{_stack}-{logicalId}-X1")).QueueUrl;

    private static string Event(string id) =>
        $$$"""{"version":"0","id":"{{{id}}}","detail-type":"SageMaker Model Package State Change","source":"aws.sagemaker","account":"111111111111","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"ModelPackageGroupName":"credit-risk"}}""";

    // Lambda's on-failure destination record for an asynchronous invocation that failed every attempt.
    private static string InvocationRecord(string function, string payload) => $$$"""
        {"version":"1.0","timestamp":"2024-01-01T00:10:00.000Z",
         "requestContext":{"requestId":"c6af9ac6-7b61-11e6-9a41-93e812345678","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:{{{function}}}:$LATEST","condition":"RetriesExhausted","approximateInvokeCount":3},
         "requestPayload":{{{payload}}},
         "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
         "responsePayload":{"errorType":"EventRejectedException","errorMessage":"event rejected: detail.ModelApprovalStatus is missing","stackTrace":[]}}
        """;

    // An EventBridge rule's dead letter: the event itself, the error in message attributes.
    private static SendMessageRequest RuleDeadLetter(string queue, string payload, string target = "arn:aws:lambda:us-east-1:123456789012:function:registry-sync") => new()
    {
        QueueUrl = queue,
        MessageBody = payload,
        MessageAttributes = new()
        {
            ["RULE_ARN"] = Text("arn:aws:events:us-east-1:123456789012:rule/forward-central-events"),
            ["TARGET_ARN"] = Text(target),
            ["ERROR_CODE"] = Text("429"),
            ["ERROR_MESSAGE"] = Text("Rate exceeded"),
            ["EXHAUSTED_RETRY_CONDITION"] = Text("MaximumRetryAttempts"),
            ["RETRY_ATTEMPTS"] = Text("185"),
        },
    };

    private static MessageAttributeValue Text(string value) => new() { DataType = "String", StringValue = value };

    private static async Task<int> CountAsync(AmazonSQSClient sqs, string queue)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CommandLine.RunAsync(args, name => _settings.GetValueOrDefault(name), output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }
}
