using System.Text.Json.Nodes;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Aws.Tests.Contract;

/// <summary>The contract validator itself catches each kind of violation (so a passing contract test means something).</summary>
public sealed class ShapeValidatorTests
{
    private static IReadOnlyList<string> Validate(string json, string operation = "CreateModelPackageGroup")
    {
        var model = ServiceModel.Load("sagemaker");
        return new ShapeValidator(model).Validate(JsonNode.Parse(json), model.InputShape(operation));
    }

    [SharedFact]
    public void Validate_WhenValid_ShouldReportNothing() =>
        Assert.Empty(Validate("""{"ModelPackageGroupName":"churn","Tags":[{"Key":"a","Value":"b"}]}"""));

    [SharedTheory]
    [InlineData("""{}""", "required member ModelPackageGroupName is missing")]
    [InlineData("""{"ModelPackageGroupName":"churn","Colour":"red"}""", "Colour is not a member")]
    [InlineData("""{"ModelPackageGroupName":42}""", "expected a string")]
    [InlineData("""{"ModelPackageGroupName":"churn-"}""", "does not match")]
    [InlineData("""{"ModelPackageGroupName":"churn_model"}""", "does not match")]
    [InlineData("""{"ModelPackageGroupName":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "over the maximum 63")]
    [InlineData("""{"ModelPackageGroupName":"churn","Tags":{"Key":"a"}}""", "expected a list")]
    [InlineData("""{"ModelPackageGroupName":"churn","Tags":[{"Key":"a"}]}""", "required member Value is missing")]
    public void Validate_WhenViolated_ShouldSayWhat(string json, string expected) =>
        Assert.Contains(Validate(json), e => e.Contains(expected, StringComparison.Ordinal));

    [SharedFact]
    public void Validate_WhenEnumValueUnknown_ShouldReport() =>
        Assert.Contains(Validate("""{"ModelPackageArn":"arn:aws:sagemaker:eu-west-1:111111111111:model-package/a/1","ModelApprovalStatus":"Maybe"}""", "UpdateModelPackage"),
            e => e.Contains("is not a value of enum", StringComparison.Ordinal));

    [SharedFact]
    public void Validate_WhenIntegerBelowMinimum_ShouldReport() =>
        Assert.Contains(Validate("""{"MaxResults":0}""", "ListModelPackages"), e => e.Contains("under the minimum 1", StringComparison.Ordinal));

    [SharedFact]
    public void Patterns_OfAllFourModels_ShouldCompileAfterTranslation()
    {
        foreach (var service in new[] { "sagemaker", "sns", "codepipeline", "sts" })
        {
            var model = ServiceModel.Load(service);
            var sample = new SampleDocuments(model);
            Assert.NotNull(sample.Json(model.OutputShape(service == "sagemaker" ? "DescribeModelPackage" : service == "sns" ? "Publish" : service == "sts" ? "AssumeRole" : "GetPipelineExecution")));
        }

        var patterns = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedFolder.Combine("aws", "models", "codepipeline.service-2.json")))
            .RootElement.GetProperty("shapes").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("pattern", out _))
            .Select(s => s.Value.GetProperty("pattern").GetString()!);
        Assert.All(patterns, p => _ = new System.Text.RegularExpressions.Regex("^(?:" + ShapeValidator.Translate(p) + ")$"));
    }
}
