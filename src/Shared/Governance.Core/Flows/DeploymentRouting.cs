using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Governance.Core.Flows;

/// <summary>The kinds of deployment pipeline a route can start.</summary>
public static class DeploymentTargetTypes
{
    public const string SageMakerPipeline = "sageMakerPipeline";
    public const string CodePipeline = "codePipeline";
}

/// <summary>A pipeline to start. <see cref="Parameters"/> values may use placeholders (see <see cref="RouteValues"/>).</summary>
public sealed record DeploymentTarget(string Type, string PipelineName, IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>When a route applies: every criterion given must hold; none given matches every model.</summary>
/// <param name="GroupPattern">Group name glob (<c>*</c> = any run of characters), ignoring case.</param>
/// <param name="GroupRegex">Group name regular expression (whole name).</param>
/// <param name="Tags">Tags the package must carry with these values (<c>*</c> = any value).</param>
public sealed record RouteMatch(string? GroupPattern = null, string? GroupRegex = null, IReadOnlyDictionary<string, string>? Tags = null);

public sealed record RouteDefinition(string Name, RouteMatch? Match, DeploymentTarget Target);

public sealed record RoutingDocument(
    int Version,
    IReadOnlyList<RouteDefinition> Routes,
    string? Description = null,
    [property: JsonPropertyName("$schema")] string? Schema = null);

/// <summary>The values a target's parameters can refer to as <c>${name}</c>.</summary>
public static class RouteValues
{
    public const string ModelPackageArn = "modelPackageArn";
    public const string ModelPackageGroup = "modelPackageGroup";
    public const string ModelPackageVersion = "modelPackageVersion";
    public const string SourceAccount = "sourceAccount";
    public const string SourcePackageArn = "sourcePackageArn";
    public const string Team = "team";
    public const string ApprovedBy = "approvedBy";
    public const string ApprovalEventId = "approvalEventId";

    public static IReadOnlyList<string> All { get; } =
        [ModelPackageArn, ModelPackageGroup, ModelPackageVersion, SourceAccount, SourcePackageArn, Team, ApprovedBy, ApprovalEventId];

    /// <summary>The parameters a target gets when its route names none.</summary>
    public static IReadOnlyDictionary<string, string> DefaultParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ModelPackageArn"] = "${" + ModelPackageArn + "}",
        ["SourceAccount"] = "${" + SourceAccount + "}",
    };
}

/// <summary>The routing configuration does not validate; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class RoutingValidationException : Exception
{
    public RoutingValidationException()
    {
    }

    public RoutingValidationException(string message)
        : base(message)
    {
    }

    public RoutingValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RoutingValidationException(string source, IReadOnlyList<string> errors)
        : base(source + " is not a valid routing configuration: " + string.Join("; ", errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; } = [];
}

/// <summary>
/// Picks the deployment pipeline for a centrally approved model: the first route, in file order, whose match holds.
/// Load once at INIT with <see cref="Load"/>; matching is pure and thread-safe.
/// </summary>
public sealed partial class DeploymentRouting
{
    private readonly List<(RouteDefinition Route, Regex? Group)> routes;

    private DeploymentRouting(List<(RouteDefinition, Regex?)> routes) => this.routes = routes;

    public IReadOnlyList<RouteDefinition> Routes => [.. routes.Select(route => route.Route)];

    public static DeploymentRouting Load(string json, string source = "routing.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        RoutingDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, RoutingJsonContext.Default.RoutingDocument);
        }
        catch (JsonException exception)
        {
            throw new RoutingValidationException(source, ["not valid JSON: " + exception.Message]);
        }

        var errors = new List<string>();
        if (document is null)
        {
            throw new RoutingValidationException(source, ["the document is null"]);
        }

        if (document.Version != 1)
        {
            errors.Add($"$.version must be 1, not {document.Version}");
        }

        if (document.Routes is null || document.Routes.Count == 0)
        {
            errors.Add("$.routes must list at least one route");
        }

        var built = new List<(RouteDefinition, Regex?)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < (document.Routes?.Count ?? 0); index++)
        {
            var route = document.Routes![index];
            var path = $"$.routes[{index}]";
            if (string.IsNullOrWhiteSpace(route.Name))
            {
                errors.Add(path + ".name is required");
            }
            else if (!names.Add(route.Name))
            {
                errors.Add($"{path}.name '{route.Name}' is used by an earlier route");
            }

            if (route.Target is null)
            {
                errors.Add(path + ".target is required");
                continue;
            }

            if (route.Target.Type is not (DeploymentTargetTypes.SageMakerPipeline or DeploymentTargetTypes.CodePipeline))
            {
                errors.Add($"{path}.target.type must be '{DeploymentTargetTypes.SageMakerPipeline}' or '{DeploymentTargetTypes.CodePipeline}', not '{route.Target.Type}'");
            }

            if (string.IsNullOrWhiteSpace(route.Target.PipelineName))
            {
                errors.Add(path + ".target.pipelineName is required");
            }

            foreach (var (name, value) in route.Target.Parameters ?? new Dictionary<string, string>())
            {
                foreach (Match placeholder in PlaceholderPattern().Matches(value ?? string.Empty))
                {
                    if (!RouteValues.All.Contains(placeholder.Groups["name"].Value))
                    {
                        errors.Add($"{path}.target.parameters.{name} refers to unknown value '{placeholder.Value}' (known: {string.Join(", ", RouteValues.All)})");
                    }
                }
            }

            Regex? group = null;
            if (route.Match?.GroupRegex is { } pattern)
            {
                try
                {
                    group = new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
                }
                catch (ArgumentException exception)
                {
                    errors.Add($"{path}.match.groupRegex is not a valid regular expression: {exception.Message}");
                }
            }

            if (route.Match?.GroupPattern is { Length: 0 })
            {
                errors.Add(path + ".match.groupPattern must not be empty");
            }

            built.Add((route, group));
        }

        return errors.Count > 0 ? throw new RoutingValidationException(source, errors) : new DeploymentRouting(built);
    }

    /// <summary>The first route whose match holds for the group and tags, or null when none does.</summary>
    public RouteDefinition? Match(string groupName, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var (route, group) in routes)
        {
            var match = route.Match;
            if (match is null)
            {
                return route;
            }

            if (match.GroupPattern is { } glob && !Glob(glob, groupName))
            {
                continue;
            }

            if (group is not null && !group.IsMatch(groupName))
            {
                continue;
            }

            if (match.Tags is { } required && !required.All(tag =>
                    tags.TryGetValue(tag.Key, out var value) && (tag.Value == "*" || string.Equals(tag.Value, value, StringComparison.Ordinal))))
            {
                continue;
            }

            return route;
        }

        return null;
    }

    /// <summary>The target's parameters (or the defaults) with every <c>${name}</c> replaced; unknown values read empty.</summary>
    public static IReadOnlyDictionary<string, string> ResolveParameters(DeploymentTarget target, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(values);
        return (target.Parameters ?? RouteValues.DefaultParameters).ToDictionary(
            parameter => parameter.Key,
            parameter => PlaceholderPattern().Replace(parameter.Value ?? string.Empty, placeholder =>
                values.TryGetValue(placeholder.Groups["name"].Value, out var value) ? value ?? string.Empty : string.Empty),
            StringComparer.Ordinal);
    }

    private static bool Glob(string pattern, string value) =>
        Regex.IsMatch(value, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(250));

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(RoutingDocument))]
internal sealed partial class RoutingJsonContext : JsonSerializerContext;
