namespace Governance.Core.Ledger;

/// <summary>
/// The node types the handlers record, with the id each one uses, so that every writer names the same
/// thing the same way and lookups by id hit.
/// </summary>
public static class NodeTypes
{
    /// <summary>A model package version in a team account; id = its ARN.</summary>
    public const string SourcePackage = "SourcePackage";

    /// <summary>The model package version in the central registry (the governed model version); id = its ARN.</summary>
    public const string CentralPackage = "CentralPackage";

    /// <summary>A model package group; id = its ARN.</summary>
    public const string ModelPackageGroup = "ModelPackageGroup";

    /// <summary>A model artifact; id = <c>sha256:&lt;hex&gt;</c> of its content, attribute <c>uri</c> = its S3 URI.</summary>
    public const string Artifact = "Artifact";

    /// <summary>A container image; id = its digest <c>sha256:&lt;hex&gt;</c>, attribute <c>uri</c> = the image URI.</summary>
    public const string Image = "Image";

    /// <summary>A training or validation data set; id = its S3 URI.</summary>
    public const string Dataset = "Dataset";

    /// <summary>A SageMaker training job; id = its ARN.</summary>
    public const string TrainingJob = "TrainingJob";

    /// <summary>A deployment pipeline execution (SageMaker Pipelines or CodePipeline); id = its ARN or execution id.</summary>
    public const string PipelineExecution = "PipelineExecution";

    /// <summary>A SageMaker model; id = its ARN.</summary>
    public const string Model = "Model";

    /// <summary>A SageMaker endpoint configuration; id = its ARN.</summary>
    public const string EndpointConfig = "EndpointConfig";

    /// <summary>A SageMaker endpoint; id = its ARN.</summary>
    public const string Endpoint = "Endpoint";

    /// <summary>A SageMaker notebook instance; id = its ARN.</summary>
    public const string NotebookInstance = "NotebookInstance";

    /// <summary>Any other AWS resource a Config rule evaluates; id = <c>&lt;resource type&gt;/&lt;resource id&gt;</c>.</summary>
    public const string AwsResource = "AwsResource";

    /// <summary>A policy or Config-rule violation; id = rule name + resource, as the compliance handler forms it.</summary>
    public const string Violation = "Violation";

    /// <summary>
    /// A resource of the deployment machinery under change management (CodePipeline pipeline, CodeBuild project,
    /// CloudFormation stack); id = its ARN, a stack's without its unique suffix.
    /// </summary>
    public const string DeploymentResource = "DeploymentResource";

    /// <summary>An AWS account as a subject of audit records; id = the 12-digit account id.</summary>
    public const string Account = "Account";
}
