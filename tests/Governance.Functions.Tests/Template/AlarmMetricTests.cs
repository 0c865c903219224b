using System.Text.Json.Nodes;
using Governance.Handlers;
using Governance.Hosting.Metrics;

namespace Governance.Functions.Tests.Template;

/// <summary>
/// Every alarm watches a metric that exists: one AWS publishes, with the dimensions it carries (Fixtures/aws-metrics.json,
/// from the services' documentation), or one the functions write as EMF (<see cref="LambdaMetrics"/>), with the
/// dimension values they write. An alarm on a metric nobody emits never fires.
/// </summary>
public class AlarmMetricTests
{
    [Fact]
    public async Task EveryAlarm_ShouldNameAMetricThatIsEmittedWithItsDimensions()
    {
        var template = await DeployedTemplate.CentralAsync();
        var catalogue = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "aws-metrics.json")))!["namespaces"]!.AsObject();
        var service = (string?)template["Resources"]!["RegistrySyncFunction"]!["Properties"]!["Environment"]!["Variables"]!["POWERTOOLS_SERVICE_NAME"];
        var alarms = template.ResourcesOfType("AWS::CloudWatch::Alarm").ToList();

        Assert.NotEmpty(alarms);
        Assert.All(alarms, alarm =>
        {
            var properties = alarm.Value["Properties"]!;
            var ns = (string)properties["Namespace"]!;
            var metric = (string)properties["MetricName"]!;
            var dimensions = properties["Dimensions"].AsNodes().ToDictionary(dimension => (string)dimension["Name"]!, dimension => dimension["Value"]);
            if (ns == "MlGovernance")
            {
                Assert.Equal(LambdaMetrics.EventsProcessedMetric, metric);
                Assert.Equal(new[] { LambdaMetrics.OutcomeDimension, LambdaMetrics.FunctionNameDimension, LambdaMetrics.ServiceDimension }, dimensions.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(service, (string?)dimensions[LambdaMetrics.ServiceDimension]);
                Assert.Equal("LedgerAnchorFunction", (string?)dimensions[LambdaMetrics.FunctionNameDimension]!["Ref"]);
                Assert.Equal(LedgerAnchorFunction.AnchoredOutcome, (string?)dimensions[LambdaMetrics.OutcomeDimension]);
                return;
            }

            Assert.True(catalogue.ContainsKey(ns), $"{alarm.Key}: namespace {ns} is not one AWS publishes");
            Assert.Contains(metric, catalogue[ns]!["metrics"].AsNodes().Select(name => (string?)name));
            Assert.Contains(catalogue[ns]!["dimensionSets"].AsNodes(), set => set.AsNodes().Select(name => (string?)name).Order(StringComparer.Ordinal)
                .SequenceEqual(dimensions.Keys.Order(StringComparer.Ordinal)));
            foreach (var (name, value) in dimensions)
            {
                var pointsAt = name switch
                {
                    "FunctionName" => ("Ref", "AWS::Lambda::Function"),
                    "QueueName" => ("Fn::GetAtt", "AWS::SQS::Queue"),
                    _ => throw new InvalidOperationException($"{alarm.Key}: no check for dimension {name}"),
                };
                var target = pointsAt.Item1 == "Ref" ? (string?)value!["Ref"] : (string?)value!["Fn::GetAtt"]![0];
                Assert.Equal(pointsAt.Item2, (string?)template["Resources"]![target!]!["Type"]);
            }
        });
    }

    [Fact]
    public void AnchorOutcome_ShouldBeWhatTheFunctionCounts()
    {
        Assert.Equal("anchored", LedgerAnchorFunction.AnchoredOutcome);
    }
}
