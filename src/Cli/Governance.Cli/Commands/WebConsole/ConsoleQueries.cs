using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Governance.Cli.Commands.Alerts;
using Governance.Cli.Commands.Lineage;
using Governance.Core.Lineage;
using Governance.Core.Presentation.Reports;

namespace Governance.Cli.Commands.WebConsole;

/// <summary>
/// What the console shows, asked of the lineage API in process: the same routes, validation and scoping as
/// <c>governance api</c> and the deployed LineageApi function. A 4xx answer becomes <see cref="ConsoleQueryException"/>.
/// </summary>
internal sealed class ConsoleQueries(LineageApi api, CallerIdentity? caller, LineageConnection connection)
{
    /// <summary>How many records one audit page of the console shows.</summary>
    public const int AuditPageSize = 200;

    /// <summary>The most activity records the inventory reads to find the models of a period.</summary>
    private const int InventoryActivityLimit = 20_000;

    public async Task<InventoryView> InventoryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        var query = Range(from, to);
        var read = 0;
        do
        {
            var page = await GetAsync("/audit", query, LineageJsonContext.Default.AuditResponse, ct);
            read += page.Records.Count;
            groups.UnionWith(page.Records.Select(record => record.Group).OfType<string>());
            if (page.Next is null)
            {
                break;
            }

            query["next"] = page.Next;
        }
        while (read < InventoryActivityLimit);

        var versions = new List<ModelVersionSummary>();
        foreach (var group in groups)
        {
            versions.AddRange(await VersionsAsync(group, ct) ?? []);
        }

        var open = await OpenViolationsAsync(null, ct);
        return new InventoryView(versions, open, read >= InventoryActivityLimit);
    }

    /// <summary>A group's versions, or null when the group has none the caller may see.</summary>
    public async Task<IReadOnlyList<ModelVersionSummary>?> VersionsAsync(string group, CancellationToken ct)
    {
        var versions = new List<ModelVersionSummary>();
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var response = await api.HandleAsync(new ApiRequest("GET", $"/models/{Uri.EscapeDataString(group)}", query, caller), ct);
            if (response.StatusCode == 404)
            {
                return versions.Count == 0 ? null : versions;
            }

            var page = Parse(response, LineageJsonContext.Default.ModelVersionsResponse);
            versions.AddRange(page.Versions);
            if (page.Next is null)
            {
                return versions;
            }

            query["next"] = page.Next;
        }
    }

    /// <summary>The version's report (lineage and merged timeline), or null when it is not in the caller's view.</summary>
    public async Task<LineageReport?> ReportAsync(string group, int version, CancellationToken ct)
    {
        var response = await api.HandleAsync(new ApiRequest("GET", $"/models/{Uri.EscapeDataString(group)}/versions/{version}", Empty(), caller), ct);
        if (response.StatusCode == 404)
        {
            return null;
        }

        var lineage = Parse(response, LineageJsonContext.Default.VersionLineageResponse);
        var timeline = await LineageCommand.TimelineAsync(connection, LineageCommand.Subjects(lineage), new Progress(TextWriter.Null), ct);
        return new LineageReport(lineage, timeline, TimeProvider.System.GetUtcNow());
    }

    public async Task<IReadOnlyList<ViolationView>> OpenViolationsAsync(string? account, CancellationToken ct)
    {
        var violations = new List<ViolationView>();
        var query = Empty();
        if (account is not null)
        {
            query["account"] = account;
        }

        while (true)
        {
            var page = await GetAsync("/violations", query, LineageJsonContext.Default.ViolationsResponse, ct);
            violations.AddRange(page.Violations);
            if (page.Next is null)
            {
                return violations;
            }

            query["next"] = page.Next;
        }
    }

    public Task<IReadOnlyList<RecordView>> AlertsAsync(DateTimeOffset from, DateTimeOffset to, string? account, CancellationToken ct)
    {
        var query = Range(from, to);
        if (account is not null)
        {
            query["account"] = account;
        }

        return AlertsCommand.ReadAsync(api, query, caller, new Progress(TextWriter.Null), ct);
    }

    /// <summary>One page of the audit query; <paramref name="query"/> holds the form's from, to, principal, account and next.</summary>
    public Task<AuditResponse> AuditAsync(Dictionary<string, string> query, CancellationToken ct)
    {
        query["limit"] = AuditPageSize.ToString(CultureInfo.InvariantCulture);
        return GetAsync("/audit", query, LineageJsonContext.Default.AuditResponse, ct);
    }

    private async Task<T> GetAsync<T>(string path, Dictionary<string, string> query, JsonTypeInfo<T> type, CancellationToken ct) =>
        Parse(await api.HandleAsync(new ApiRequest("GET", path, query, caller), ct), type);

    private static T Parse<T>(ApiResponse response, JsonTypeInfo<T> type)
    {
        if (response.StatusCode != 200)
        {
            var error = JsonSerializer.Deserialize(response.Body, LineageJsonContext.Default.ErrorBody);
            throw new ConsoleQueryException(response.StatusCode, error?.Message ?? $"the query answered {response.StatusCode}");
        }

        return JsonSerializer.Deserialize(response.Body, type) ?? throw new ConsoleQueryException(500, "the query answered no body");
    }

    private static Dictionary<string, string> Range(DateTimeOffset from, DateTimeOffset to) => new(StringComparer.Ordinal)
    {
        ["from"] = from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["to"] = to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> Empty() => new(StringComparer.Ordinal);
}

/// <summary>The models with ledger activity in a period, each version's state, and the open violations.</summary>
internal sealed record InventoryView(IReadOnlyList<ModelVersionSummary> Versions, IReadOnlyList<ViolationView> OpenViolations, bool Truncated);

/// <summary>The lineage API refused a console query (bad input, or not in the caller's view).</summary>
internal sealed class ConsoleQueryException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
