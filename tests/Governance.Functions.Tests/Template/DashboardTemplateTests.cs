using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Governance.Functions.Tests.Telemetry;
using Governance.Handlers;
using Governance.Hosting.Logging;

namespace Governance.Functions.Tests.Template;

/// <summary>
/// The operations dashboard in template.yaml (cfn-lint runs over the whole template in <see cref="TemplateTests"/>):
/// every metric it names exists, as the functions emit it or as AWS publishes it for a resource of the stack; it
/// covers every function and dead-letter queue; and the stack names it in its outputs.
/// </summary>
public sealed partial class DashboardTemplateTests
{
    // The metrics AWS publishes that the dashboard may use, by namespace, with the one dimension each is read by
    // (CloudWatch user guide: Lambda function metrics, Amazon SQS metrics, EventBridge metrics).
    private static readonly Dictionary<string, (string Dimension, string[] Metrics)> AwsMetrics = new(StringComparer.Ordinal)
    {
        ["AWS/Lambda"] = ("FunctionName", ["Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions", "AsyncEventAge", "DeadLetterErrors", "DestinationDeliveryFailures"]),
        ["AWS/SQS"] = ("QueueName", ["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "NumberOfMessagesSent", "NumberOfMessagesReceived", "NumberOfMessagesDeleted"]),
        ["AWS/Events"] = ("RuleName", ["Invocations", "FailedInvocations", "TriggeredRules", "MatchedEvents", "InvocationsSentToDlq", "InvocationsFailedToBeSentToDlq"]),
    };

    [Fact]
    public async Task Dashboard_ShouldNameOnlyMetricsThatExist()
    {
        var template = await DeployedTemplate.CentralAsync();
        var environment = FunctionEnvironment(template);
        var metrics = DashboardMetrics(template);

        Assert.NotEmpty(metrics);
        foreach (var metric in metrics)
        {
            var (space, name, _, dimensions) = metric;
            if (space == (string?)environment["POWERTOOLS_METRICS_NAMESPACE"])
            {
                Assert.True(EmittedMetrics.Dimensions.TryGetValue(name, out var expected), $"the functions emit no {name}");
                Assert.Equal(expected, dimensions.Select(pair => pair.Name).ToArray());
                Assert.Equal((string?)environment["POWERTOOLS_SERVICE_NAME"], Value(dimensions, "service"));
                Assert.Equal("AWS::Lambda::Function", TypeOf(template, Reference(Value(dimensions, "function_name"), "ref")));
                if (dimensions.Any(pair => pair.Name == "Outcome"))
                {
                    Assert.Contains(Value(dimensions, "Outcome"), EmittedMetrics.Outcomes);
                }

                continue;
            }

            Assert.True(AwsMetrics.TryGetValue(space, out var published), $"{space} is neither the functions' namespace nor one the dashboard reads");
            Assert.Contains(name, published.Metrics);
            var (dimension, value) = Assert.Single(dimensions);
            Assert.Equal(published.Dimension, dimension);
            switch (space)
            {
                case "AWS/Lambda":
                    Assert.Equal("AWS::Lambda::Function", TypeOf(template, Reference(value, "ref")));
                    break;
                case "AWS/SQS":
                    Assert.Equal("AWS::SQS::Queue", TypeOf(template, Reference(value, "getatt", ".QueueName")));
                    break;
                default:
                    // A rule's Ref is its name only on the default bus (on another bus it is "bus|rule").
                    var rule = Reference(value, "ref");
                    Assert.Equal("AWS::Events::Rule", TypeOf(template, rule));
                    Assert.Equal("default", (string?)template["Resources"]![rule]!["Properties"]!["EventBusName"]);
                    break;
            }
        }
    }

    [Fact]
    public async Task Dashboard_ShouldCoverEveryFunctionAndDeadLetterQueue()
    {
        var template = await DeployedTemplate.CentralAsync();
        var metrics = DashboardMetrics(template);
        var functions = template.ResourcesOfType("AWS::Lambda::Function").Select(resource => "ref:" + resource.Key).ToHashSet();
        var queues = template.ResourcesOfType("AWS::SQS::Queue").Select(resource => $"getatt:{resource.Key}.QueueName").ToHashSet();

        foreach (var (name, stat) in new[] { ("Invocations", "Sum"), ("Errors", "Sum"), ("Throttles", "Sum"), ("Duration", "p50"), ("Duration", "p99") })
        {
            Assert.Equal(functions, metrics.Where(m => m.Namespace == "AWS/Lambda" && m.Name == name && m.Stat == stat).Select(m => m.Dimensions[0].Value).ToHashSet());
        }

        Assert.Equal(functions, metrics.Where(m => m.Name == "ColdStart").Select(m => Value(m.Dimensions, "function_name")).ToHashSet());
        foreach (var name in new[] { "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage" })
        {
            Assert.Equal(queues, metrics.Where(m => m.Name == name).Select(m => m.Dimensions[0].Value).ToHashSet());
        }

        foreach (var outcome in new[] { "processed", "ignored", "rejected" })
        {
            Assert.Equal(5, metrics.Count(m => m.Name == "EventsProcessed" && Value(m.Dimensions, "Outcome") == outcome));
        }

        Assert.Contains(metrics, m => m.Name == "EventsProcessed" && Value(m.Dimensions, "Outcome") == LedgerAnchorFunction.AnchoredOutcome
            && Value(m.Dimensions, "function_name") == "ref:LedgerAnchorFunction");
        Assert.Contains(metrics, m => m.Name == "NotificationsSent");
        Assert.Contains(metrics, m => m.Name == "LedgerAppends");
    }

    [Fact]
    public async Task Outputs_ShouldNameTheDashboard()
    {
        var outputs = (await DeployedTemplate.CentralAsync())["Outputs"]!;

        Assert.Equal("OperationsDashboard", (string?)outputs["OperationsDashboardName"]!["Value"]!["Ref"]);
        Assert.Contains("${OperationsDashboard}", (string?)outputs["OperationsDashboardUrl"]!["Value"]!["Fn::Sub"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFunction_ShouldRunWithActiveTracing()
    {
        var functions = (await DeployedTemplate.CentralAsync()).ResourcesOfType("AWS::Lambda::Function").ToList();

        Assert.All(functions, function => Assert.Equal("Active", (string?)function.Value["Properties"]!["TracingConfig"]!["Mode"]));
    }

    [Fact]
    public async Task LogLevelParameter_ShouldOfferOnlyLevelNamesTheLoggerReads()
    {
        var template = await DeployedTemplate.CentralAsync();
        var parameter = template["Parameters"]!["LogLevel"]!;

        Assert.All(parameter["AllowedValues"]!.AsArray(), value => Assert.Contains((string)value!, LogLevelNames.Accepted));
        Assert.Contains((string)parameter["Default"]!, LogLevelNames.Accepted);
        Assert.All(template.ResourcesOfType("AWS::Lambda::Function"), function =>
            Assert.Equal("LogLevel", (string?)function.Value["Properties"]!["Environment"]!["Variables"]!["POWERTOOLS_LOG_LEVEL"]!["Ref"]));
    }

    private sealed record DashboardMetric(string Namespace, string Name, string Stat, IReadOnlyList<(string Name, string Value)> Dimensions);

    private static JsonObject FunctionEnvironment(JsonObject template) =>
        template.ResourcesOfType("AWS::Lambda::Function").First().Value["Properties"]!["Environment"]!["Variables"]!.AsObject();

    /// <summary>
    /// The dashboard body with its Fn::Sub variables resolved, references written <c>ref:Logical</c> and
    /// <c>getatt:Logical.Attribute</c>, and every metric row read (the widget's stat unless the row sets one).
    /// </summary>
    private static List<DashboardMetric> DashboardMetrics(JsonObject template)
    {
        var sub = template["Resources"]!["OperationsDashboard"]!["Properties"]!["DashboardBody"]!["Fn::Sub"]!.AsArray();
        var variables = sub[1]!.AsObject();
        var body = Placeholder().Replace((string)sub[0]!, match =>
        {
            var name = match.Groups[1].Value;
            return name switch
            {
                "AWS::Region" => "us-east-1",
                _ when variables[name] is { } value => (string)value!,
                _ when name.Contains('.', StringComparison.Ordinal) => "getatt:" + name,
                _ => "ref:" + name,
            };
        });
        using var document = JsonDocument.Parse(body);
        var metrics = new List<DashboardMetric>();
        foreach (var widget in document.RootElement.GetProperty("widgets").EnumerateArray())
        {
            var properties = widget.GetProperty("properties");
            var stat = properties.GetProperty("stat").GetString()!;
            foreach (var row in properties.GetProperty("metrics").EnumerateArray())
            {
                var items = row.EnumerateArray().ToList();
                var options = items[^1].ValueKind == JsonValueKind.Object ? items[^1] : default;
                var strings = items.Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList();
                var dimensions = Enumerable.Range(0, (strings.Count - 2) / 2).Select(i => (strings[2 + (2 * i)], strings[3 + (2 * i)])).ToList();
                var rowStat = options.ValueKind == JsonValueKind.Object && options.TryGetProperty("stat", out var own) ? own.GetString()! : stat;
                metrics.Add(new DashboardMetric(strings[0], strings[1], rowStat, dimensions));
            }
        }

        return metrics;
    }

    private static string Value(IReadOnlyList<(string Name, string Value)> dimensions, string name) =>
        dimensions.Single(pair => pair.Name == name).Value;

    private static string Reference(string value, string kind, string suffix = "")
    {
        Assert.StartsWith(kind + ":", value, StringComparison.Ordinal);
        Assert.EndsWith(suffix, value, StringComparison.Ordinal);
        return value[(kind.Length + 1)..^suffix.Length];
    }

    private static string? TypeOf(JsonObject template, string logicalId) => (string?)template["Resources"]![logicalId]?["Type"];

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
