using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Policy.Rules;

namespace Governance.Core.Monitors;

/// <summary>
/// The deployment machinery under change management (<c>changeManagement</c> in <c>config/monitors.json</c>):
/// CodePipeline pipelines (those the routing names, and the declared name patterns), CodeBuild projects and
/// CloudFormation stacks (by name pattern, or for stacks by the deployment-stack tag), and the platform roles that
/// may change them. Each is a <see cref="NodeTypes.DeploymentResource"/> whose id is its ARN; a stack's ARN is
/// kept without its unique suffix so that every call and every Config item of one stack name share a chain.
/// </summary>
public sealed class DeploymentMachinery
{
    public const string PipelineType = "AWS::CodePipeline::Pipeline";
    public const string BuildProjectType = "AWS::CodeBuild::Project";
    public const string StackType = "AWS::CloudFormation::Stack";

    /// <summary>The tag that marks a CloudFormation stack as a deployment stack when none is configured.</summary>
    public const string DefaultStackTag = "governance:deployment-stack";

    private readonly IReadOnlyList<GlobPattern> _platformRoles;
    private readonly IReadOnlyList<GlobPattern> _pipelines;
    private readonly IReadOnlyList<GlobPattern> _buildProjects;
    private readonly IReadOnlyList<GlobPattern> _stacks;
    private readonly Dictionary<string, List<string>> _routesByPipeline = new(StringComparer.Ordinal);

    /// <param name="platformRoles">Principal ARN patterns that may change the machinery (besides the deployment roles).</param>
    /// <param name="pipelines">CodePipeline pipeline name patterns governed besides those the routing names.</param>
    /// <param name="buildProjects">CodeBuild project name patterns.</param>
    /// <param name="stacks">CloudFormation stack name patterns.</param>
    /// <param name="stackTag">A stack created or updated with this tag key is a deployment stack.</param>
    public DeploymentMachinery(
        IReadOnlyList<string> platformRoles,
        IReadOnlyList<string> pipelines,
        IReadOnlyList<string> buildProjects,
        IReadOnlyList<string> stacks,
        string stackTag = DefaultStackTag)
    {
        _platformRoles = Patterns(platformRoles);
        _pipelines = Patterns(pipelines);
        _buildProjects = Patterns(buildProjects);
        _stacks = Patterns(stacks);
        StackTag = stackTag;
    }

    public static DeploymentMachinery None { get; } = new([], [], [], []);

    public string StackTag { get; }

    public static bool IsMachineryType(string resourceType) =>
        resourceType is PipelineType or BuildProjectType or StackType;

    /// <summary>Links each pipeline to the routes that start it, so its records say what it deploys.</summary>
    public DeploymentMachinery WithRoutes(IEnumerable<(string Route, string Pipeline)> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var (route, pipeline) in routes)
        {
            if (!_routesByPipeline.TryGetValue(pipeline, out var names))
            {
                _routesByPipeline[pipeline] = names = [];
            }

            if (!names.Contains(route))
            {
                names.Add(route);
            }
        }

        return this;
    }

    /// <summary>The routes that start a pipeline node's pipeline; empty for other nodes.</summary>
    public IReadOnlyList<string> RoutesOf(NodeRef node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Type == NodeTypes.DeploymentResource && node.Id.Split(':') is { Length: 6 } parts && parts[2] == "codepipeline"
            && _routesByPipeline.TryGetValue(parts[5], out var routes)
                ? routes
                : [];
    }

    public bool IsPlatformRole(IEnumerable<string> callerArns)
    {
        ArgumentNullException.ThrowIfNull(callerArns);
        return callerArns.Any(arn => GlobPattern.AnyMatch(_platformRoles, arn));
    }

    /// <summary>The node of a governed resource of the machinery, or null when it is not governed.</summary>
    /// <param name="name">The resource's name (a stack's name or id).</param>
    /// <param name="tags">The tags the resource carries or is given, when known.</param>
    public NodeRef? Resource(string resourceType, string? name, string region, string account, IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var partition = SageMakerArns.Partition(region);
        switch (resourceType)
        {
            case PipelineType when _routesByPipeline.ContainsKey(name) || GlobPattern.AnyMatch(_pipelines, name):
                return Node($"arn:{partition}:codepipeline:{region}:{account}:{name}");
            case BuildProjectType when Name(name, ":project/") is { } project && GlobPattern.AnyMatch(_buildProjects, project):
                return Node($"arn:{partition}:codebuild:{region}:{account}:project/{project}");
            case StackType when Name(name, ":stack/") is { } stack
                && (GlobPattern.AnyMatch(_stacks, stack) || (tags?.ContainsKey(StackTag) ?? false)):
                return Node($"arn:{partition}:cloudformation:{region}:{account}:stack/{stack}");
            default:
                return null;
        }
    }

    /// <summary>The governed resource a CloudTrail call to CodePipeline, CodeBuild or CloudFormation acts on, or null.</summary>
    public NodeRef? Resource(CloudTrailApiCall call, string region, string account)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = call.RequestParameters;
        return call.EventSource switch
        {
            "codepipeline.amazonaws.com" => Resource(
                PipelineType,
                CloudTrailFields.Text(CloudTrailFields.Objects(request, "pipeline").FirstOrDefault(), "name")
                    ?? CloudTrailFields.Text(request, "pipelineName") ?? CloudTrailFields.Text(request, "name"),
                region,
                account),
            "codebuild.amazonaws.com" => Resource(
                BuildProjectType, CloudTrailFields.Text(request, "name") ?? CloudTrailFields.Text(request, "projectName"), region, account),
            "cloudformation.amazonaws.com" => Resource(StackType, CloudTrailFields.Text(request, "stackName"), region, account, StackTags(request)),
            _ => null,
        };
    }

    private static Dictionary<string, string> StackTags(System.Text.Json.JsonElement? request) =>
        CloudTrailFields.Objects(request, "tags")
            .Select(tag => (Key: CloudTrailFields.Text(tag, "key"), Value: CloudTrailFields.Text(tag, "value") ?? string.Empty))
            .Where(tag => tag.Key is not null)
            .DistinctBy(tag => tag.Key)
            .ToDictionary(tag => tag.Key!, tag => tag.Value, StringComparer.Ordinal);

    // A name, or the name inside an ARN: project/NAME, stack/NAME/unique-id.
    private static string? Name(string nameOrArn, string marker)
    {
        var start = nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn.IndexOf(marker, StringComparison.Ordinal) : -1;
        if (start < 0)
        {
            return nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? null : nameOrArn;
        }

        var name = nameOrArn[(start + marker.Length)..];
        var end = name.IndexOf('/', StringComparison.Ordinal);
        return end < 0 ? name : name[..end];
    }

    private static NodeRef Node(string arn) => new(NodeTypes.DeploymentResource, arn);

    private static List<GlobPattern> Patterns(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return [.. patterns.Select(pattern => new GlobPattern(pattern))];
    }
}
