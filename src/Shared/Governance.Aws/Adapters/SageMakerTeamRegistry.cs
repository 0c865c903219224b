using Governance.Aws.Http;
using Governance.Aws.SageMaker;
using Governance.Aws.Sts;
using Governance.Core.Flows;
using Governance.Core.Registry;
using CoreModelPackage = Governance.Core.Registry.ModelPackage;

namespace Governance.Aws.Adapters;

/// <summary>
/// Reads team packages with the team account's reader role: DescribeModelPackage, and the tags of the package's
/// group overlaid with the package tags the approval event carried (ListTags is never called on a versioned
/// package ARN: the event already holds those tags, and emulators reject it).
/// </summary>
public sealed class SageMakerTeamRegistry(AwsContext aws, RoleCredentialsCache roles, string readerRoleName, string sessionName = "governance-registry-sync")
    : ITeamRegistry
{
    public async Task<CoreModelPackage> DescribeAsync(ModelPackageArn packageArn, IReadOnlyDictionary<string, string> eventTags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packageArn);
        ArgumentNullException.ThrowIfNull(eventTags);
        var roleArn = $"arn:{packageArn.Partition}:iam::{packageArn.Account}:role/{readerRoleName}";
        var client = aws.SageMaker(roles.SourceFor(new AssumeRoleSpec(roleArn, sessionName)));
        try
        {
            var described = await client.DescribeModelPackageAsync(packageArn.Value, cancellationToken);
            var group = described.GroupName ?? packageArn.Name;
            var groupArn = $"arn:{packageArn.Partition}:sagemaker:{packageArn.Region}:{packageArn.Account}:model-package-group/{group}";
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in await client.ListTagsAsync(groupArn, cancellationToken))
            {
                tags[tag.Key] = tag.Value;
            }

            foreach (var (key, value) in eventTags)
            {
                tags[key] = value;
            }

            return ModelPackageReader.Read(described.Document, tags);
        }
        catch (AwsAccessDeniedException exception)
        {
            throw new FlowStepException(
                $"access denied reading {packageArn.Value} as role {roleArn} ({exception.ErrorCode}: {exception.Details.Message}); "
                + $"check that team account {packageArn.Account} has the reader role '{readerRoleName}', that it trusts the governance account, and that it may describe model packages",
                retryable: false,
                exception);
        }
        catch (AwsServiceException exception) when (exception.Details.Service == "STS")
        {
            throw new FlowStepException(
                $"cannot assume reader role {roleArn} in team account {packageArn.Account} ({exception.ErrorCode}: {exception.Details.Message})",
                retryable: false,
                exception);
        }
        catch (AwsServiceException exception) when (exception is AwsResourceNotFoundException or AwsValidationException)
        {
            throw new FlowStepException(
                $"team package {packageArn.Value} cannot be described with role {roleArn} ({exception.ErrorCode}: {exception.Details.Message})",
                retryable: false,
                exception);
        }
    }
}
