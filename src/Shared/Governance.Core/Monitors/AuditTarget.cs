using Governance.Core.Events;
using Governance.Core.Ledger;

namespace Governance.Core.Monitors;

/// <summary>The governed resource an audited call concerns: the subject its audit record is appended to.</summary>
/// <param name="Region">The call's region.</param>
/// <param name="Account">The account the call acted in.</param>
public sealed record AuditTarget(NodeRef Subject, string Region, string Account);

/// <summary>
/// Finds the governed resource of a CloudTrail call: for SageMaker the endpoint, endpoint config, model, model
/// package, group or notebook it names (in that order); for IAM a deployment or approver role; for S3 a governed
/// bucket (both recorded on the account's chain); for CodePipeline, CodeBuild and CloudFormation a resource of the
/// deployment machinery (<see cref="DeploymentMachinery"/>). Null when the call touches nothing governed.
/// </summary>
public sealed class AuditTargets(ModelPackages packages, MonitorSettings settings)
{
    public AuditTarget? Find(CloudTrailApiCall call, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(envelope);
        var region = call.AwsRegion ?? envelope.Region ?? "unknown";
        // The recording account, never the caller's: a role of another account may act here.
        var account = call.RecipientAccountId ?? envelope.Account ?? call.UserIdentity?.AccountId ?? "unknown";
        var subject = call.EventSource switch
        {
            "sagemaker.amazonaws.com" => SageMakerSubject(call, region, account),
            "iam.amazonaws.com" => CloudTrailFields.Text(call.RequestParameters, "roleName") is { } role
                && settings.IsGovernedRole("arn:" + SageMakerArns.Partition(region) + ":iam::" + account + ":role/" + role)
                    ? new NodeRef(NodeTypes.Account, account)
                    : null,
            "s3.amazonaws.com" => CloudTrailFields.Text(call.RequestParameters, "bucketName") is { } bucket && settings.IsGovernedBucket(bucket)
                ? new NodeRef(NodeTypes.Account, account)
                : null,
            _ => settings.ChangeManagement.Resource(call, region, account),
        };
        return subject is null ? null : new AuditTarget(subject, region, account);
    }

    private NodeRef? SageMakerSubject(CloudTrailApiCall call, string region, string account)
    {
        var request = call.RequestParameters;
        var response = call.ResponseElements;
        if (Resource(SageMakerArns.Endpoint, CloudTrailFields.Text(response, "endpointArn") ?? CloudTrailFields.Text(request, "endpointName"), region, account) is { } endpoint)
        {
            return endpoint;
        }

        if (Resource(SageMakerArns.EndpointConfig, CloudTrailFields.Text(response, "endpointConfigArn") ?? CloudTrailFields.Text(request, "endpointConfigName"), region, account) is { } config)
        {
            return config;
        }

        if (Resource(SageMakerArns.Model, CloudTrailFields.Text(response, "modelArn") ?? CloudTrailFields.Text(request, "modelName"), region, account) is { } model)
        {
            return model;
        }

        if (Package(CloudTrailFields.Text(response, "modelPackageArn") ?? CloudTrailFields.Text(request, "modelPackageArn")
            ?? CloudTrailFields.Text(request, "modelPackageName"), region, account) is { } package)
        {
            return package;
        }

        return Resource(SageMakerArns.ModelPackageGroup, CloudTrailFields.Text(response, "modelPackageGroupArn") ?? CloudTrailFields.Text(request, "modelPackageGroupName"), region, account)
            ?? Resource(SageMakerArns.NotebookInstance, CloudTrailFields.Text(response, "notebookInstanceArn") ?? CloudTrailFields.Text(request, "notebookInstanceName"), region, account);
    }

    /// <summary>The node of a model package given by ARN or name.</summary>
    public NodeRef? Package(string? nameOrArn, string region, string account) =>
        SageMakerArns.Of(SageMakerArns.ModelPackage, nameOrArn, region, account) is { } arn ? packages.Node(arn) : null;

    public static NodeRef? Resource(string kind, string? nameOrArn, string region, string account) =>
        SageMakerArns.Of(kind, nameOrArn, region, account) is { } arn ? new NodeRef(SageMakerArns.NodeType(kind)!, arn) : null;
}
