using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Aws.Protocols;
using Governance.Aws.Validation;
using static Governance.Aws.SageMaker.SageMakerPatterns;

namespace Governance.Aws.SageMaker;

/// <summary>SageMaker over the json 1.1 protocol, with requests checked against the service model first.</summary>
public sealed class SageMakerClient(AwsJsonChannel channel) : ISageMakerClient
{
    private static readonly string[] ApprovalStatuses = ["Approved", "Rejected", "PendingManualApproval"];

    private readonly AwsJsonChannel _channel = channel ?? throw new ArgumentNullException(nameof(channel));

    public async Task<ModelPackage> DescribeModelPackageAsync(string nameOrArn, CancellationToken cancellationToken)
    {
        var check = new Check("SageMaker", "DescribeModelPackage");
        var input = new JsonObject { ["ModelPackageName"] = check.Text(nameOrArn, "ModelPackageName", 1, 176, VersionedArnOrName()) };
        var output = await _channel.CallAsync("DescribeModelPackage", input, cancellationToken);
        return ReadModelPackage(output);
    }

    public async Task<ModelPackageGroup> DescribeModelPackageGroupAsync(string nameOrArn, CancellationToken cancellationToken)
    {
        var check = new Check("SageMaker", "DescribeModelPackageGroup");
        var input = new JsonObject { ["ModelPackageGroupName"] = check.Text(nameOrArn, "ModelPackageGroupName", 1, 170, ArnOrName()) };
        var output = await _channel.CallAsync("DescribeModelPackageGroup", input, cancellationToken);
        return new ModelPackageGroup(
            output.RequiredString("ModelPackageGroupName"),
            output.RequiredString("ModelPackageGroupArn"),
            output.Text("ModelPackageGroupDescription"),
            output.Text("ModelPackageGroupStatus") ?? "Unknown",
            output.Time("CreationTime"),
            output);
    }

    public async Task<string> CreateModelPackageGroupAsync(CreateModelPackageGroupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check("SageMaker", "CreateModelPackageGroup");
        var input = new JsonObject { ["ModelPackageGroupName"] = check.Text(request.ModelPackageGroupName, "ModelPackageGroupName", 1, 63, EntityName()) };
        if (check.Optional(request.Description, "ModelPackageGroupDescription", 0, 1024, Description()) is { } description)
        {
            input["ModelPackageGroupDescription"] = description;
        }

        AddTagList(input, request.Tags, check);
        var output = await _channel.CallAsync("CreateModelPackageGroup", input, cancellationToken);
        return output.RequiredString("ModelPackageGroupArn");
    }

    public async Task<string> CreateModelPackageAsync(CreateModelPackageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check("SageMaker", "CreateModelPackage");
        var input = new JsonObject();
        foreach (var (member, value) in request.Specification)
        {
            if (!CreateModelPackageRequest.PassThroughMembers.Contains(member, StringComparer.Ordinal))
            {
                throw check.Fail(member, "is not a pass-through member of CreateModelPackage (set it through the typed property)");
            }

            input[member] = value?.DeepClone();
        }

        input["ModelPackageGroupName"] = check.Text(request.ModelPackageGroupName, "ModelPackageGroupName", 1, 170, ArnOrName());
        input["ModelApprovalStatus"] = check.OneOf(request.ModelApprovalStatus, "ModelApprovalStatus", ApprovalStatuses);
        if (check.Optional(request.Description, "ModelPackageDescription", 0, 1024, Description()) is { } description)
        {
            input["ModelPackageDescription"] = description;
        }

        if (check.Optional(request.ClientToken, "ClientToken", 1, 36, ClientToken()) is { } token)
        {
            input["ClientToken"] = token;
        }

        AddTagList(input, request.Tags, check);
        AddMetadata(input, "CustomerMetadataProperties", request.CustomerMetadataProperties, check);
        // Not sent again after a failure that may have created it: SageMaker honours ClientToken, emulators may not,
        // so the caller looks for the package before creating it again.
        var output = await _channel.CallAsync("CreateModelPackage", input, retryWhenMaybeApplied: false, cancellationToken);
        return output.RequiredString("ModelPackageArn");
    }

    public async Task<string> UpdateModelPackageAsync(UpdateModelPackageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check("SageMaker", "UpdateModelPackage");
        var input = new JsonObject { ["ModelPackageArn"] = check.Text(request.ModelPackageArn, "ModelPackageArn", 1, 2048, ModelPackageArn()) };
        if (request.ModelApprovalStatus is not null)
        {
            input["ModelApprovalStatus"] = check.OneOf(request.ModelApprovalStatus, "ModelApprovalStatus", ApprovalStatuses);
        }

        if (check.Optional(request.ApprovalDescription, "ApprovalDescription", 0, 1024) is { } approvalDescription)
        {
            input["ApprovalDescription"] = approvalDescription;
        }

        if (request.CustomerMetadataProperties is { Count: > 0 } metadata)
        {
            AddMetadata(input, "CustomerMetadataProperties", metadata, check);
        }

        if (request.CustomerMetadataPropertiesToRemove.Count > 0)
        {
            var keys = new JsonArray();
            foreach (var key in request.CustomerMetadataPropertiesToRemove)
            {
                keys.Add((JsonNode)check.Text(key, "CustomerMetadataPropertiesToRemove", 1, 128, TagText()));
            }

            input["CustomerMetadataPropertiesToRemove"] = keys;
        }

        if (check.Optional(request.ClientToken, "ClientToken", 1, 36, ClientToken()) is { } token)
        {
            input["ClientToken"] = token;
        }

        var output = await _channel.CallAsync("UpdateModelPackage", input, cancellationToken);
        return output.RequiredString("ModelPackageArn");
    }

    public async IAsyncEnumerable<ModelPackageSummary> ListModelPackagesAsync(
        ModelPackageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var check = new Check("SageMaker", "ListModelPackages");
        var input = new JsonObject();
        if (check.Optional(query.ModelPackageGroupName, "ModelPackageGroupName", 1, 170, ArnOrName()) is { } group)
        {
            input["ModelPackageGroupName"] = group;
        }

        if (query.ModelApprovalStatus is not null)
        {
            input["ModelApprovalStatus"] = check.OneOf(query.ModelApprovalStatus, "ModelApprovalStatus", ApprovalStatuses);
        }

        if (query.ModelPackageType is not null)
        {
            input["ModelPackageType"] = check.OneOf(query.ModelPackageType, "ModelPackageType", "Versioned", "Unversioned", "Both");
        }

        input["SortBy"] = check.OneOf(query.SortBy, "SortBy", "Name", "CreationTime");
        input["SortOrder"] = check.OneOf(query.SortOrder, "SortOrder", "Ascending", "Descending");
        check.Count(query.PageSize, "MaxResults", 1, 100);
        input["MaxResults"] = query.PageSize;

        string? nextToken = null;
        do
        {
            var page = (JsonObject)input.DeepClone();
            if (nextToken is not null)
            {
                page["NextToken"] = nextToken;
            }

            var output = await _channel.CallAsync("ListModelPackages", page, cancellationToken);
            foreach (var summary in output.Array("ModelPackageSummaryList"))
            {
                yield return new ModelPackageSummary(
                    summary.RequiredString("ModelPackageArn"),
                    summary.Text("ModelPackageName"),
                    summary.Text("ModelPackageGroupName"),
                    (int?)summary.Number("ModelPackageVersion"),
                    summary.Text("ModelApprovalStatus"),
                    summary.Text("ModelPackageStatus") ?? "Unknown",
                    summary.Time("CreationTime"));
            }

            nextToken = output.Text("NextToken");
        }
        while (!string.IsNullOrEmpty(nextToken));
    }

    public async Task<IReadOnlyList<ResourceTag>> ListTagsAsync(string resourceArn, CancellationToken cancellationToken)
    {
        var check = new Check("SageMaker", "ListTags");
        var arn = check.Text(resourceArn, "ResourceArn", 0, 256, ResourceArn());
        var tags = new List<ResourceTag>();
        string? nextToken = null;
        do
        {
            var input = new JsonObject { ["ResourceArn"] = arn, ["MaxResults"] = 100 };
            if (nextToken is not null)
            {
                input["NextToken"] = nextToken;
            }

            var output = await _channel.CallAsync("ListTags", input, cancellationToken);
            tags.AddRange(output.Array("Tags").Select(t => new ResourceTag(t.RequiredString("Key"), t.Text("Value") ?? string.Empty)));
            nextToken = output.Text("NextToken");
        }
        while (!string.IsNullOrEmpty(nextToken));

        return tags;
    }

    public async Task<string> StartPipelineExecutionAsync(StartPipelineExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check("SageMaker", "StartPipelineExecution");
        var input = new JsonObject
        {
            ["PipelineName"] = check.Text(request.PipelineName, "PipelineName", 1, 2048, PipelineNameOrArn()),
            ["ClientRequestToken"] = check.Text(request.ClientRequestToken, "ClientRequestToken", 32, 128),
        };
        if (check.Optional(request.DisplayName, "PipelineExecutionDisplayName", 1, 82, PipelineExecutionName()) is { } displayName)
        {
            input["PipelineExecutionDisplayName"] = displayName;
        }

        if (check.Optional(request.Description, "PipelineExecutionDescription", 0, 3072) is { } description)
        {
            input["PipelineExecutionDescription"] = description;
        }

        if (request.Parameters.Count > 0)
        {
            check.Count(request.Parameters.Count, "PipelineParameters", 0, 200);
            var parameters = new JsonArray();
            foreach (var parameter in request.Parameters)
            {
                parameters.Add((JsonNode)new JsonObject
                {
                    ["Name"] = check.Text(parameter.Name, "PipelineParameters.Name", 1, 256, PipelineParameterName()),
                    ["Value"] = check.Length(parameter.Value, "PipelineParameters.Value", 0, 1024),
                });
            }

            input["PipelineParameters"] = parameters;
        }

        var output = await _channel.CallAsync("StartPipelineExecution", input, cancellationToken);
        return output.RequiredString("PipelineExecutionArn");
    }

    internal static ModelPackage ReadModelPackage(JsonElement output)
    {
        var specifications = new List<JsonElement>();
        if (output.Member("InferenceSpecification") is { } inference)
        {
            specifications.Add(inference);
        }

        specifications.AddRange(output.Array("AdditionalInferenceSpecifications"));
        var containers = specifications
            .SelectMany(s => s.Array("Containers"))
            .Select(c => new PackageContainer(c.Text("Image"), c.Text("ImageDigest"), ModelDataUri(c)))
            .ToList();

        return new ModelPackage(
            output.RequiredString("ModelPackageArn"),
            output.Text("ModelPackageName") ?? string.Empty,
            output.Text("ModelPackageGroupName"),
            (int?)output.Number("ModelPackageVersion"),
            output.Text("ModelApprovalStatus"),
            output.Text("ModelPackageStatus") ?? "Unknown",
            output.Text("ModelPackageDescription"),
            output.Text("ApprovalDescription"),
            output.Time("CreationTime"),
            output.Time("LastModifiedTime"),
            output.StringMap("CustomerMetadataProperties"),
            containers,
            output);
    }

    private static string? ModelDataUri(JsonElement container) =>
        container.Text("ModelDataUrl") ?? container.Member("ModelDataSource")?.Member("S3DataSource")?.Text("S3Uri");

    private static void AddTagList(JsonObject input, IReadOnlyList<ResourceTag> tags, Check check)
    {
        if (tags.Count == 0)
        {
            return;
        }

        check.Count(tags.Count, "Tags", 0, 50);
        var list = new JsonArray();
        foreach (var tag in tags)
        {
            list.Add((JsonNode)new JsonObject
            {
                ["Key"] = check.Text(tag.Key, "Tags.Key", 1, 128, TagText()),
                ["Value"] = TagValue(tag.Value, check),
            });
        }

        input["Tags"] = list;
    }

    private static string TagValue(string value, Check check)
    {
        ArgumentNullException.ThrowIfNull(value);
        check.Length(value, "Tags.Value", 0, 256);
        return TagText().IsMatch(value) ? value : throw check.Fail("Tags.Value", $"'{value}' does not match the pattern {TagText()}");
    }

    private static void AddMetadata(JsonObject input, string member, IReadOnlyDictionary<string, string> metadata, Check check)
    {
        if (metadata.Count == 0)
        {
            return;
        }

        check.Count(metadata.Count, member, 1, 50);
        var map = new JsonObject();
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            map[check.Text(key, member + ".key", 1, 128, TagText())] = check.Text(value, member + ".value", 1, 256, TagText());
        }

        input[member] = map;
    }
}
