using Governance.Aws.Http;
using Governance.Aws.SageMaker;
using Governance.Core.Flows;
using Governance.Core.Registry;

namespace Governance.Aws.Adapters;

/// <summary>
/// The central registry on SageMaker: finds a central package by the source ARN it records in its
/// CustomerMetadataProperties, creates groups and packages.
/// </summary>
public sealed class SageMakerCentralRegistry(ISageMakerClient sageMaker) : ICentralRegistry
{
    public async Task<string?> FindBySourceAsync(string groupName, string sourcePackageArn, CancellationToken cancellationToken)
    {
        var query = new ModelPackageQuery { ModelPackageGroupName = groupName, ModelPackageType = "Versioned", SortOrder = "Descending" };
        var candidates = new List<string>();
        try
        {
            await foreach (var summary in sageMaker.ListModelPackagesAsync(query, cancellationToken))
            {
                candidates.Add(summary.Arn);
            }
        }
        catch (AwsServiceException exception) when (exception is AwsResourceNotFoundException or AwsValidationException)
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            var package = await sageMaker.DescribeModelPackageAsync(candidate, cancellationToken);
            if (package.CustomerMetadata.TryGetValue(ProvenanceTags.SourcePackageArn, out var source)
                && string.Equals(source, sourcePackageArn, StringComparison.Ordinal))
            {
                return package.Arn;
            }
        }

        return null;
    }

    public async Task<string?> CurrentStatusAsync(string packageArn, CancellationToken cancellationToken)
    {
        try
        {
            return (await sageMaker.DescribeModelPackageAsync(packageArn, cancellationToken)).ApprovalStatus;
        }
        catch (AwsServiceException exception) when (exception is AwsResourceNotFoundException)
        {
            return null;
        }
    }

    public async Task<string> EnsureGroupAsync(CentralGroupSpec group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (await TryDescribeGroupAsync(group.GroupName, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            return await sageMaker.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest(group.GroupName)
            {
                Description = group.Description,
                Tags = [.. group.Tags.Select(tag => new ResourceTag(tag.Key, tag.Value))],
            }, cancellationToken);
        }
        catch (AwsServiceException exception) when (exception is AwsValidationException or AwsConflictException)
        {
            // Created concurrently by another sync: use it.
            return await TryDescribeGroupAsync(group.GroupName, cancellationToken) ?? throw new FlowStepException(
                $"central model package group {group.GroupName} could not be created: {exception.Details.Message}", retryable: false, exception);
        }
    }

    public async Task<CentralGroupOwner> GroupOwnerAsync(string groupName, CancellationToken cancellationToken)
    {
        if (await TryDescribeGroupAsync(groupName, cancellationToken) is not { } arn)
        {
            return CentralGroupOwner.Absent;
        }

        var tags = await sageMaker.ListTagsAsync(arn, cancellationToken);
        return new CentralGroupOwner(true, tags.FirstOrDefault(tag => tag.Key == ProvenanceTags.SourceAccount)?.Value);
    }

    public async Task<string> CreatePackageAsync(CentralPackageDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var request = CreateModelPackageRequest.CopyOf(draft.Source, draft.GroupName, draft.Replacements) with
        {
            CustomerMetadataProperties = draft.CustomerMetadata,
            Tags = [.. draft.Tags.Select(tag => new ResourceTag(tag.Key, tag.Value))],
            ClientToken = draft.ClientToken,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await sageMaker.CreateModelPackageAsync(request, cancellationToken);
            }
            catch (AwsServiceException exception) when (exception is AwsValidationException or AwsAccessDeniedException)
            {
                throw new FlowStepException(
                    $"central package for {draft.Source.Arn.Value} could not be created in group {draft.GroupName} ({exception.ErrorCode}: {exception.Details.Message})",
                    retryable: false,
                    exception);
            }
            catch (Exception exception) when (attempt < MaxCreateAttempts && MaybeApplied(exception))
            {
                // The create may have been applied with its answer lost: find it before creating again.
                if (await FindBySourceAsync(draft.GroupName, draft.Source.Arn.Value, cancellationToken) is { } created)
                {
                    return created;
                }
            }
        }
    }

    /// <summary>Creates tried before a failure that may have applied one is reported (each after a lookup by source).</summary>
    public const int MaxCreateAttempts = 4;

    private static bool MaybeApplied(Exception exception) =>
        exception is AwsTransportException
        || (exception is AwsServiceException service && AwsErrorCodes.Classify(service.ErrorCode, service.StatusCode) is AwsErrorKind.ServerError or AwsErrorKind.Transient);

    private async Task<string?> TryDescribeGroupAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await sageMaker.DescribeModelPackageGroupAsync(name, cancellationToken)).Arn;
        }
        catch (AwsServiceException exception) when (exception is AwsResourceNotFoundException or AwsValidationException)
        {
            return null;
        }
    }
}
