using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Governance.Core.Ledger;
using Governance.Core.Registry;

namespace Governance.Core.Lineage;

/// <summary>
/// The read-only query API: routes a request, checks the caller's scope, validates every parameter and
/// answers JSON. 400 names what is wrong, 403 refuses callers the scoping configuration does not know,
/// 404 covers unknown resources and resources outside the caller's scope alike (so a scoped caller learns
/// nothing of other teams), 405 anything but GET.
/// </summary>
public sealed class LineageApi(LineageService service, ScopingPolicy scoping, ScopedPageTokens tokens)
{
    public async Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return Error(405, "method-not-allowed", $"{request.Method} is not allowed: the lineage API is read-only (GET)", null);
        }

        var scope = scoping.Resolve(request.Caller);
        if (scope is null)
        {
            return Error(403, "forbidden", "the caller is neither a risk manager nor a member of a team in the scoping configuration", null);
        }

        try
        {
            return await RouteAsync(Segments(request.Path), request.Query, scope, cancellationToken);
        }
        catch (ApiBadRequestException exception)
        {
            return Error(400, "bad-request", exception.Message, exception.Parameter);
        }
        catch (InvalidPageTokenException)
        {
            return Error(400, "bad-request", "next is not a page token issued to this caller for this query", "next");
        }
    }

    private Task<ApiResponse> RouteAsync(string[] path, IReadOnlyDictionary<string, string> query, CallerScope scope, CancellationToken cancellationToken) =>
        path switch
        {
            ["models", var group] => ModelsAsync(Group(group), new QueryParameters(query, paged: true), scope, cancellationToken),
            ["models", var group, "versions", var version] =>
                VersionAsync(Group(group), Version(version), new QueryParameters(query, paged: false, "account", "region"), scope, cancellationToken),
            ["models", var group, "versions", var version, "timeline"] =>
                TimelineAsync(Group(group), Version(version), new QueryParameters(query, paged: true, "account", "region"), scope, cancellationToken),
            ["endpoints", var name] => EndpointAsync(EndpointName(name), new QueryParameters(query, paged: false, "account", "region"), scope, cancellationToken),
            ["artifacts"] => ArtifactsAsync(new QueryParameters(query, paged: true, "uri"), scope, cancellationToken),
            ["violations"] => ViolationsAsync(new QueryParameters(query, paged: true, "status", "account"), scope, cancellationToken),
            ["audit"] => AuditAsync(new QueryParameters(query, paged: true, "from", "to", "principal", "account"), scope, cancellationToken),
            _ => Task.FromResult(Error(404, "not-found", "no such route; see the API's routes in docs/lineage-api.md", null)),
        };

    private async Task<ApiResponse> ModelsAsync(string group, QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var query = $"models/{group}";
        var page = await service.VersionsAsync(group, parameters.Page(tokens.Open(query, scope, parameters.Next)), cancellationToken);
        var versions = new List<ModelVersionSummary>();
        foreach (var edge in page.Items)
        {
            var node = await service.GetNodeAsync(edge.From, cancellationToken);
            if (scope.Allows(await service.OwnerAccountAsync(edge.From, node, cancellationToken)))
            {
                versions.Add(await service.SummarizeAsync(edge.From, node, cancellationToken));
            }
        }

        if (versions.Count == 0 && parameters.Next is null && page.NextPageToken is null)
        {
            return NotFound($"model package group '{group}' has no versions in the ledger that you may see");
        }

        return Ok(new ModelVersionsResponse(group, versions, tokens.Seal(query, scope, page.NextPageToken)), LineageJsonContext.Default.ModelVersionsResponse);
    }

    /// <summary>A version's lineage; with <c>account</c> (and <c>region</c>) other than the central ones, a team package's.</summary>
    private async Task<ApiResponse> VersionAsync(string group, int version, QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var target = Target(group, version, parameters);
        var resolved = await VisibleVersionAsync(target, scope, cancellationToken);
        return resolved is null
            ? NotFound($"model version {target.Arn(service.Location)} is not in the ledger or not yours to see")
            : Ok(await service.LineageAsync(resolved.Subject, resolved.Node, cancellationToken), LineageJsonContext.Default.VersionLineageResponse);
    }

    /// <summary>The team-side and central chains merged in time order, paged by position (sealed like every token).</summary>
    private async Task<ApiResponse> TimelineAsync(string group, int version, QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var target = Target(group, version, parameters);
        var resolved = await VisibleVersionAsync(target, scope, cancellationToken);
        if (resolved is null)
        {
            return NotFound($"model version {target.Arn(service.Location)} is not in the ledger or not yours to see");
        }

        var query = $"timeline/{target.Arn(service.Location)}";
        var opened = tokens.Open(query, scope, parameters.Next);
        var offset = 0;
        if (opened is not null && (!int.TryParse(opened, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw new InvalidPageTokenException();
        }

        var records = await service.VersionTimelineAsync(resolved.Subject, cancellationToken);
        var page = records.Skip(offset).Take(parameters.Limit).Select(Views.Record).ToList();
        var next = offset + page.Count < records.Count ? (offset + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Ok(new TimelineResponse(resolved.Subject.ToString(), page, tokens.Seal(query, scope, next)), LineageJsonContext.Default.TimelineResponse);
    }

    private async Task<ApiResponse> EndpointAsync(string name, QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var account = parameters.Account() ?? service.Location.CentralAccount;
        var region = parameters.Region() ?? service.Location.Region;
        var endpoint = scope.Allows(account) ? await service.EndpointAsync(name, account, region, cancellationToken) : null;
        return endpoint is null
            ? NotFound($"endpoint '{name}' in account {account}, region {region} is not in the ledger or not yours to see")
            : Ok(endpoint, LineageJsonContext.Default.EndpointResponse);
    }

    private async Task<ApiResponse> ArtifactsAsync(QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var uri = parameters.Text("uri") ?? throw new ApiBadRequestException("uri is required: an S3 URI, a sha256 checksum or digest, or an image URI pinned by digest", "uri");
        if (ArtifactReference.Location(uri) is { } location)
        {
            return await LocatedUsesAsync(uri, location, parameters, scope, cancellationToken);
        }

        var candidates = ArtifactReference.Candidates(uri);
        var limit = parameters.Limit;
        NodeRef? used = null;
        foreach (var candidate in candidates)
        {
            if (await service.GetNodeAsync(candidate, cancellationToken) is not null)
            {
                used = candidate;
                break;
            }
        }

        used ??= candidates[0];
        var query = $"artifacts/{used}";
        var request = new PageRequest(limit, tokens.Open(query, scope, parameters.Next));
        var page = scope.SeesEverything
            ? await service.UsesAsync(used, request, cancellationToken)
            : await VisibleUsesAsync(used, scope, request, cancellationToken);
        var uses = new List<ArtifactUseView>();
        foreach (var edge in page.Items)
        {
            if (scope.SeesEverything || scope.Allows(await service.OwnerAccountAsync(edge.To, await service.GetNodeAsync(edge.To, cancellationToken), cancellationToken)))
            {
                var named = ResourceNames.TryParseModelPackageArn(edge.To.Id, out var group, out var version);
                uses.Add(new ArtifactUseView(used.ToString(), edge.To.Id, group, named ? version : null, edge.RecordedAt));
            }
        }

        if (uses.Count == 0 && parameters.Next is null && page.NextPageToken is null)
        {
            return NotFound($"no model version you may see used '{uri}'");
        }

        return Ok(new ArtifactUsageResponse(uri, used.ToString(), uses, tokens.Seal(query, scope, page.NextPageToken)), LineageJsonContext.Default.ArtifactUsageResponse);
    }

    /// <summary>
    /// The uses a scoped caller may see, paged after filtering (the uses of one node are few and bounded), so a page
    /// and its continuation never depend on uses by versions of other accounts.
    /// </summary>
    private async Task<LedgerPage<LedgerEdge>> VisibleUsesAsync(NodeRef used, CallerScope scope, PageRequest page, CancellationToken cancellationToken)
    {
        var visible = new List<LedgerEdge>();
        foreach (var edge in await service.AllUsesAsync(used, cancellationToken))
        {
            if (scope.Allows(await service.OwnerAccountAsync(edge.To, await service.GetNodeAsync(edge.To, cancellationToken), cancellationToken)))
            {
                visible.Add(edge);
            }
        }

        var start = page.PageToken is null ? 0 : int.Parse(page.PageToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        var end = Math.Min(visible.Count, start + page.Size);
        return new LedgerPage<LedgerEdge>(visible[Math.Min(start, end)..end], end < visible.Count ? end.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>
    /// The versions that used anything stored under an S3 prefix (an object's whole key is a prefix of itself):
    /// one page of the location index, each node found with every version that used it. Artifacts are known by
    /// their checksum, so a version that used the same bytes from elsewhere is named too.
    /// </summary>
    private async Task<ApiResponse> LocatedUsesAsync(string uri, S3Location location, QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var query = $"artifacts/{location.Uri}";
        var request = new PageRequest(parameters.Limit, tokens.Open(query, scope, parameters.Next));
        var page = scope.SeesEverything
            ? await service.LocatedAsync(location, request, cancellationToken)
            : await service.LocatedAsync(location, scope.AccountList, request, cancellationToken);
        var visible = new Dictionary<NodeRef, bool>();
        var uses = new List<ArtifactUseView>();
        // An entry belongs to the account whose records filed it; a team never sees where another team stored things.
        foreach (var located in page.Items.Where(located => scope.Allows(located.Account)))
        {
            foreach (var edge in await service.AllUsesAsync(located.Node, cancellationToken))
            {
                if (!visible.TryGetValue(edge.To, out var allowed))
                {
                    allowed = scope.Allows(await service.OwnerAccountAsync(edge.To, await service.GetNodeAsync(edge.To, cancellationToken), cancellationToken));
                    visible[edge.To] = allowed;
                }

                if (allowed)
                {
                    var named = ResourceNames.TryParseModelPackageArn(edge.To.Id, out var group, out var version);
                    uses.Add(new ArtifactUseView(located.Node.ToString(), edge.To.Id, group, named ? version : null, edge.RecordedAt, located.Uri));
                }
            }
        }

        if (uses.Count == 0 && parameters.Next is null && page.NextPageToken is null)
        {
            return NotFound($"no model version you may see used anything under '{uri}'");
        }

        return Ok(new ArtifactUsageResponse(uri, null, uses, tokens.Seal(query, scope, page.NextPageToken)), LineageJsonContext.Default.ArtifactUsageResponse);
    }

    private async Task<ApiResponse> ViolationsAsync(QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var status = parameters.Text("status") ?? "open";
        if (status != "open")
        {
            throw new ApiBadRequestException($"status must be 'open', not '{status}': resolved violations are in the timelines of the resources", "status");
        }

        var account = parameters.Account();
        var query = $"violations/{account}";
        var request = parameters.Page(tokens.Open(query, scope, parameters.Next));
        var page = account is null && scope.SeesEverything
            ? await service.OpenViolationsAsync(request, cancellationToken)
            : await service.OpenViolationsAsync(account is null ? scope.AccountList : scope.Allows(account) ? [account] : [], request, cancellationToken);
        var violations = new List<ViolationView>();
        foreach (var state in page.Items.Where(state => scope.Allows(state.Account) && (account is null || state.Account == account)))
        {
            violations.Add(Views.Violation(state, (await service.RunningAsync(state.Resource, cancellationToken))?.Target));
        }

        return Ok(new ViolationsResponse(violations, tokens.Seal(query, scope, page.NextPageToken)), LineageJsonContext.Default.ViolationsResponse);
    }

    private async Task<ApiResponse> AuditAsync(QueryParameters parameters, CallerScope scope, CancellationToken cancellationToken)
    {
        var from = parameters.Instant("from");
        var to = parameters.Instant("to");
        var principal = parameters.PrincipalArn("principal");
        var account = parameters.Account();
        if ((from is null) != (to is null))
        {
            throw new ApiBadRequestException("from and to go together: give both, or neither and an account", from is null ? "from" : "to");
        }

        if (from is not null && from >= to)
        {
            throw new ApiBadRequestException($"from ({from:O}) must be before to ({to:O})", "from");
        }

        if (from is null && account is null)
        {
            throw new ApiBadRequestException("give a time range (from and to) or an account", "from");
        }

        if (account is not null && !scope.Allows(account))
        {
            return NotFound($"account {account} is not yours to see");
        }

        var query = $"audit/{from:O}/{to:O}/{principal}/{account}";
        var page = parameters.Page(tokens.Open(query, scope, parameters.Next));
        var result = (from, to) switch
        {
            ({ } since, { } until) when account is null && scope.SeesEverything => await service.ActivityAsync(since, until, page, cancellationToken),
            ({ } since, { } until) => await service.ActivityAsync(account is null ? scope.AccountList : [account], since, until, page, cancellationToken),
            _ => await service.AccountActivityAsync(account!, page, cancellationToken),
        };
        var canonicalPrincipal = ScopingPolicy.Canonical(principal) ?? principal;
        var records = result.Items
            .Where(record => scope.Allows(record.Account) && (account is null || record.Account == account))
            .Where(record => principal is null || record.Actor == principal || (record.Actor is not null && ScopingPolicy.Canonical(record.Actor) == canonicalPrincipal))
            .Select(Views.Record)
            .ToList();
        return Ok(new AuditResponse(from, to, records, tokens.Seal(query, scope, result.NextPageToken)), LineageJsonContext.Default.AuditResponse);
    }

    private async Task<ResolvedVersion?> VisibleVersionAsync(VersionTarget target, CallerScope scope, CancellationToken cancellationToken)
    {
        var resolved = await service.ResolveAsync(target, cancellationToken);
        return resolved is not null && scope.Allows(resolved.OwnerAccount) ? resolved : null;
    }

    private static VersionTarget Target(string group, int version, QueryParameters parameters) =>
        new(group, version, parameters.Account(), parameters.Region());

    private static string[] Segments(string path)
    {
        try
        {
            return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        }
        catch (UriFormatException)
        {
            throw new ApiBadRequestException("the path is not validly escaped", parameter: null);
        }
    }

    private static string Group(string group) => ResourceNames.IsEntityName(group)
        ? group
        : throw new ApiBadRequestException($"'{group}' is not a model package group name (1-63 letters, digits and dashes, starting and ending with a letter or digit)", "group");

    private static string EndpointName(string name) => ResourceNames.IsEntityName(name)
        ? name
        : throw new ApiBadRequestException($"'{name}' is not an endpoint name (1-63 letters, digits and dashes, starting and ending with a letter or digit)", "name");

    private static int Version(string text) => ResourceNames.TryParseVersion(text, out var version)
        ? version
        : throw new ApiBadRequestException($"'{text}' is not a model package version (a whole number from 1)", "version");

    private static ApiResponse Ok<T>(T body, JsonTypeInfo<T> type) => new(200, JsonSerializer.Serialize(body, type));

    private static ApiResponse NotFound(string message) => Error(404, "not-found", message, null);

    private static ApiResponse Error(int status, string error, string message, string? parameter) =>
        new(status, JsonSerializer.Serialize(new ErrorBody(error, message, parameter), LineageJsonContext.Default.ErrorBody));
}
