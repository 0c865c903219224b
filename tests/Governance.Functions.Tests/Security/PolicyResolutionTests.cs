using Governance.Testing;
using System.Text.Json.Nodes;
using Governance.Core.Routing;
using Governance.Testing.Iam;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// The template's function policies, resolved for a bed, grant exactly the resources the flows touch (the part
/// moto cannot check for SageMaker, DynamoDB and SNS) and nothing with a wildcard action or resource.
/// </summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(IamMotoGroup.Name)]
public sealed class PolicyResolutionTests(IamMoto iam)
{
    [Fact]
    public async Task ResolvedPolicies_ShouldCoverTheBedsResourcesAndNoOthers()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        var sync = PolicyCoverage.Of(bed.TemplateRoleOf(HandlerNames.RegistrySync));
        var trigger = PolicyCoverage.Of(bed.TemplateRoleOf(HandlerNames.DeploymentTrigger));
        var monitor = PolicyCoverage.Of(bed.TemplateRoleOf(HandlerNames.PipelineMonitor));
        var api = PolicyCoverage.Of(bed.TemplateRoleOf(HandlerNames.LineageApi));
        var reader = PolicyCoverage.Of(bed.ReaderTemplateRole());
        var central = $"arn:aws:sagemaker:us-east-1:{SecureBed.CentralAccount}";

        Assert.True(sync.Allows("sts:AssumeRole", $"arn:aws:iam::{SecureBed.TeamAccount}:role/{bed.ReaderRole}"));
        Assert.False(sync.Allows("sts:AssumeRole", $"arn:aws:iam::{SecureBed.TeamAccount}:role/TeamAdmin"));
        Assert.True(sync.Allows("sagemaker:CreateModelPackage", $"{central}:model-package/{bed.TeamGroup}/1"));
        // RegistrySync copies as the copier role (tagged per team); its own role touches no bucket.
        Assert.True(sync.Allows("sts:AssumeRole", bed.CopierRoleArn));
        Assert.False(sync.Allows("s3:PutObject", $"arn:aws:s3:::{bed.CentralBucket}/{SecureBed.TeamAccount}/{bed.TeamGroup}/1/model.tar.gz"));
        Assert.False(sync.Allows("s3:GetObject", $"arn:aws:s3:::{bed.TeamBucket}/v1/model.tar.gz"));
        Assert.True(sync.Allows("dynamodb:PutItem", bed.TableArn));
        Assert.True(sync.Allows("sns:Publish", bed.TopicArn));
        Assert.False(sync.Allows("sns:Publish", bed.TopicArn + "-other"));
        Assert.True(trigger.Allows("sagemaker:StartPipelineExecution", $"{central}:pipeline/{bed.Pipeline}"));
        Assert.False(trigger.Allows("sagemaker:CreateModelPackage", $"{central}:model-package/{bed.TeamGroup}/1"));
        Assert.True(monitor.Allows("dynamodb:Query", bed.TableArn + "/index/Activity"));
        Assert.False(monitor.Allows("dynamodb:PutItem", bed.TableArn.Replace(bed.Table, "other-table", StringComparison.Ordinal)));
        Assert.True(api.Allows("dynamodb:Query", bed.TableArn));
        Assert.False(api.Allows("dynamodb:PutItem", bed.TableArn));
        Assert.True(api.Allows("secretsmanager:GetSecretValue", SecureBed.PageTokenSecretArn));
        Assert.False(api.Allows("secretsmanager:GetSecretValue", SecureBed.PageTokenSecretArn.Replace("page-token", "database", StringComparison.Ordinal)));
        Assert.False(sync.Allows("secretsmanager:GetSecretValue", SecureBed.PageTokenSecretArn));
        Assert.False(api.Allows("sns:Publish", bed.TopicArn));
        Assert.True(reader.Allows("sagemaker:DescribeModelPackage", $"arn:aws:sagemaker:us-east-1:{SecureBed.TeamAccount}:model-package/{bed.TeamGroup}/1"));
        Assert.False(reader.Allows("s3:GetObject", $"arn:aws:s3:::{bed.TeamBucket}/v1/model.tar.gz")); // the copier reads artifacts
        Assert.False(reader.Allows("s3:PutObject", $"arn:aws:s3:::{bed.TeamBucket}/v1/model.tar.gz"));
        Assert.False(reader.Allows("sagemaker:DescribeModelPackage", $"{central}:model-package/{bed.TeamGroup}/1"));
    }

    [Fact]
    public async Task FunctionPolicies_ShouldGrantNoWildcardActionOrBareWildcardResource()
    {
        using var bed = await SecureBed.CreateAsync(iam);
        foreach (var handler in HandlerNames.All)
        {
            foreach (var statement in bed.TemplateRoleOf(handler).Statements)
            {
                Assert.DoesNotContain(statement["Action"].Strings(), action => action.Contains('*', StringComparison.Ordinal));
                if (!statement["Action"].Strings().All(Template.TemplateTests.UnscopableActions.Contains))
                {
                    Assert.DoesNotContain("*", statement["Resource"].Strings());
                }
            }
        }
    }

    [Fact]
    public void Projection_ShouldKeepActionsAndWidenOnlyResourcesMotoCannotSee()
    {
        var policy = JsonNode.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["dynamodb:PutItem","s3:GetObject"],"Resource":["arn:aws:dynamodb:us-east-1:1:table/t","arn:aws:s3:::b/*"]}]}
            """)!.AsObject();

        var projected = MotoPolicyProjection.Project(policy)["Statement"].AsStatements().ToList();

        var s3 = Assert.Single(projected, statement => statement["Action"].Strings().Contains("s3:GetObject"));
        Assert.Equal(["arn:aws:dynamodb:us-east-1:1:table/t", "arn:aws:s3:::b/*"], s3["Resource"].Strings());
        var dynamo = Assert.Single(projected, statement => statement["Action"].Strings().Contains("dynamodb:PutItem"));
        Assert.Equal(["dynamodb:PutItem", "dynamodb:TransactWriteItems"], dynamo["Action"].Strings());
        Assert.Equal(["*"], dynamo["Resource"].Strings());
    }

    [Fact]
    public void SecretScan_ShouldReportASecretOrSignatureInALine()
    {
        var findings = SecretScan.Find(["{\"message\":\"calling with wJalrXUtnFEMI/K7MDENG\"}", "{\"message\":\"Signature=abc\"}", "{\"message\":\"fine\"}"], ["wJalrXUtnFEMI/K7MDENG"]);

        Assert.Equal(2, findings.Count);
    }
}
