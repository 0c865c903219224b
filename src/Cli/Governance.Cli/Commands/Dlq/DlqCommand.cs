using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Aws;
using Governance.Aws.Lambda;
using Governance.Cli.Commands.Replay;
using Governance.Core.Presentation;
using Governance.Core.Processing;
using Governance.Core.Routing;

namespace Governance.Cli.Commands.Dlq;

/// <summary>
/// <c>governance dlq list|show|redrive</c>: reads the functions' and the forwarding rule's dead-letter queues,
/// says why each message failed, and sends chosen ones back through their function, deleting a message only once
/// its event was handled.
/// </summary>
public static class DlqCommand
{
    public const string Help = """
        Usage: governance dlq list|show|redrive [--queue NAME]... [--stack NAME] [--message ID]... [--dry-run] [--replay]

        Reads the stack's dead-letter queues: each function's (Lambda's on-failure records: the event and the
        function's error) and the forwarding rule's (the event, with EventBridge's error attributes).

          list      each queue and its messages: id, event id, why it failed, target, attempts, when
          show      the same, with each message's event in full
          redrive   sends the messages back through their function with Lambda Invoke (the function named in
                    the message) and deletes each one the function handled; messages that fail again stay

        Options:
          --queue NAME            a queue name or URL (repeatable); default: every queue of the stack whose name
                                  holds DeadLetterQueue
          --stack NAME            the stack (default: $GOVERNANCE_STACK, else ml-governance)
          --message ID            only this SQS message id (repeatable)
          --dry-run               redrive: say what would be sent; nothing is invoked or deleted
          --replay                redrive: run the events in this process with the local settings, as
                                  'governance replay' does, instead of invoking the deployed function (needed for
                                  the forwarding rule's queue, whose target is the event bus)
          --central-account ID    with --replay: the governance account (default: $GOVERNANCE_CENTRAL_ACCOUNT)

        Exit status: 0 when every chosen message was handled (or nothing was asked to change), 1 when a message
        stays in its queue, 2 on a usage error.
        """;

    /// <param name="settings">Where the stack, central account, region, endpoints and credentials are read.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        if (await CommandUsage.ParseAsync("dlq", () => DlqOptions.Parse(args, settings), stderr) is not { } options)
        {
            return CommandUsage.UsageError;
        }

        var aws = AwsContext.FromSettings(settings);
        using var sqs = aws.Sdk.Sqs();
        var queues = new DeadLetterQueues(sqs);
        var urls = await queues.FindAsync(options.Stack, options.Queues, cancellationToken);
        if (urls.Count == 0)
        {
            await stderr.WriteLineAsync($"governance dlq: no dead-letter queue named {options.Stack}-…DeadLetterQueue…; name one with --queue or the stack with --stack");
            return 1;
        }

        var redrive = options.Action == "redrive" ? new Redrive(options, aws, settings) : null;
        var kept = 0;
        foreach (var url in urls)
        {
            var letters = await queues.ReadAsync(url, cancellationToken);
            var chosen = letters.Where(letter => options.Messages.Count == 0 || options.Messages.Contains(letter.MessageId)).ToList();
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{DeadLetterQueues.NameOf(url)}: {letters.Count} message(s)"));
            var handled = new List<DeadLetter>();
            foreach (var letter in chosen)
            {
                await stdout.WriteLineAsync(Describe(letter));
                if (options.Action == "show" && letter.Event is { } payload)
                {
                    await stdout.WriteLineAsync(Indent(Encoding.UTF8.GetString(payload)));
                }

                if (redrive is null)
                {
                    continue;
                }

                var (done, summary) = await redrive.SendAsync(letter, cancellationToken);
                await stdout.WriteLineAsync("    " + summary);
                if (done)
                {
                    await queues.DeleteAsync(url, letter, cancellationToken);
                    handled.Add(letter);
                }
                else if (!options.DryRun)
                {
                    kept++;
                }
            }

            await queues.ReleaseAsync(url, letters.Except(handled), cancellationToken);
        }

        return kept == 0 ? 0 : 1;
    }

    private static string Describe(DeadLetter letter)
    {
        var origin = letter.Origin switch
        {
            DeadLetterOrigin.FunctionFailure => "function failed",
            DeadLetterOrigin.DeliveryFailure => "not delivered",
            _ => "unrecognised",
        };
        var text = new StringBuilder($"  {letter.MessageId}  event {letter.EventId ?? "-"}  {origin}: {letter.Reason}");
        if (letter.Target is not null)
        {
            text.Append("  target ").Append(letter.Target);
        }

        if (letter.Attempts is not null)
        {
            text.Append("  attempts ").Append(letter.Attempts);
        }

        if (letter.SentAt is { } sent)
        {
            text.Append("  queued ").Append(sent.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        return TerminalText.Line(text.ToString())!;
    }

    private static string Indent(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            json = JsonSerializer.Serialize(document.RootElement, IndentedJson.Default.JsonElement);
        }
        catch (JsonException)
        {
            // Shown as it came.
        }

        return string.Join(Environment.NewLine, json.Split('\n').Select(line => "      " + TerminalText.Line(line.TrimEnd('\r'))));
    }

    /// <summary>Sends one dead letter's event back: Lambda Invoke of its function, or a local replay.</summary>
    private sealed class Redrive(DlqOptions options, AwsContext aws, Func<string, string?> settings)
    {
        private readonly Lazy<LambdaInvoker> _lambda = new(() => aws.Lambda(aws.DefaultCredentials));
        private readonly Lazy<(LocalInvoker Invoker, EventRouter Router)> _local = new(() =>
            (LocalInvoker.Create(settings, options.CentralAccountId!, null), new EventRouter(options.CentralAccountId!)));

        public async Task<(bool Done, string Summary)> SendAsync(DeadLetter letter, CancellationToken cancellationToken)
        {
            if (letter.Event is not { } payload)
            {
                return (false, "kept: there is no event to send");
            }

            if (options.Replay)
            {
                var result = await ReplayCommand.ReplayPayloadAsync(payload, _local.Value.Router, _local.Value.Invoker, options.DryRun, cancellationToken);
                var outcome = result.Outcome.ToString().ToLowerInvariant();
                return options.DryRun
                    ? (false, $"dry run: {result.Reason}")
                    : result.Outcome is ProcessingOutcome.Processed or ProcessingOutcome.Ignored
                        ? (true, $"replayed{(result.Handler is null ? string.Empty : " by " + result.Handler)}: {outcome} ({result.Reason}); deleted")
                        : (false, $"kept: replay {outcome}: {result.Reason}");
            }

            if (FunctionName(letter.Target) is not { } function)
            {
                return (false, $"kept: the target {letter.Target ?? "(none)"} is not a function; redrive it with --replay");
            }

            if (options.DryRun)
            {
                return (false, $"dry run: would invoke {function}");
            }

            var invocation = await _lambda.Value.InvokeAsync(function, payload, cancellationToken);
            var answer = Encoding.UTF8.GetString(invocation.Payload);
            return invocation.Succeeded
                ? (true, $"redriven through {function}: {Outcome(answer)}; deleted")
                : (false, $"kept: {function} failed again ({invocation.FunctionError}): {answer}");
        }

        // arn:aws:lambda:region:account:function:name[:qualifier] -> name (the qualifier is where it failed; redrive runs $LATEST).
        private static string? FunctionName(string? target)
        {
            const string marker = ":function:";
            var start = target?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
            if (start < 0 || !target!.StartsWith("arn:", StringComparison.Ordinal))
            {
                return null;
            }

            var name = target[(start + marker.Length)..];
            var qualifier = name.IndexOf(':', StringComparison.Ordinal);
            return qualifier >= 0 ? name[..qualifier] : name;
        }

        private static string Outcome(string answer)
        {
            try
            {
                using var document = JsonDocument.Parse(answer);
                return document.RootElement.TryGetProperty("outcome", out var outcome) ? outcome.GetString() ?? "answered" : "answered";
            }
            catch (JsonException)
            {
                return "answered";
            }
        }
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class IndentedJson : System.Text.Json.Serialization.JsonSerializerContext;
