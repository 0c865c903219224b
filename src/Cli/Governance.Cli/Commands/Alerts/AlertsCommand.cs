using System.Globalization;
using System.Text.Json;
using Governance.Cli.Commands.Lineage;
using Governance.Cli.Shell;
using Governance.Core.Lineage;

namespace Governance.Cli.Commands.Alerts;

/// <summary><c>governance alerts [--from DATE] [--to DATE] [--account ID]</c>: the out-of-band actions CloudTrail showed, newest first.</summary>
public static class AlertsCommand
{
    public const string Help = $$"""
        Usage: governance alerts [--from DATE] [--to DATE] [--account ID] [--format text|json] [--out FILE] [options]

        Out-of-band actions the AuditTrail function raised audit.alert for: an endpoint created or updated by a
        principal outside the deployment roles, an approval changed by someone who may not approve, a deployed
        package deleted, access denied on a governed resource. Newest first. DATE is 2025-01-31 or
        2025-01-31T12:00:00Z; the default range is the last 30 days.

        Options:
          --from DATE --to DATE   the time range (half open; default: the last 30 days)
          --account ID            only this account's alerts
          --format text|json      output form (default text)
          --out FILE              write to FILE instead of standard output
          {{LineageCliOptions.ConnectionHelp}}

        Exit status: 0 no alert in the range, 1 alerts listed, 2 usage or access error.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        var options = LineageCliOptions.Parse(args, settings, "--from", "--to", "--account", "--format", "--out");
        var format = options.Format("text", "json");
        if (options.Positionals.Count > 0)
        {
            throw new ArgumentException($"alerts takes no arguments, not '{options.Positionals[0]}' (see 'governance alerts --help')");
        }

        using var connection = LineageConnection.Open(options);
        var alerts = await ReadAsync(connection.Api(ScopingPolicy.Everyone()), Query(options, TimeProvider.System.GetUtcNow()), null, new Progress(stderr), ct);
        var output = format == "json" ? Json(alerts) : Text(alerts);
        await LineageCommand.WriteAsync(options, output, stdout, stderr);
        return alerts.Count == 0 ? 0 : 1;
    }

    /// <summary>Every alert the audit query finds for <paramref name="query"/>, newest first.</summary>
    internal static async Task<IReadOnlyList<RecordView>> ReadAsync(
        LineageApi api, Dictionary<string, string> query, CallerIdentity? caller, Progress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(progress);
        var alerts = new List<RecordView>();
        while (true)
        {
            var response = await api.HandleAsync(new ApiRequest("GET", "/audit", query, caller), ct);
            if (response.StatusCode != 200)
            {
                var error = JsonSerializer.Deserialize(response.Body, LineageJsonContext.Default.ErrorBody);
                throw new ArgumentException(error?.Message ?? $"the audit query answered {response.StatusCode}");
            }

            var page = JsonSerializer.Deserialize(response.Body, LineageJsonContext.Default.AuditResponse)!;
            alerts.AddRange(page.Records.Where(AlertRecords.IsAlert));
            await progress.ReportAsync("alerts found", alerts.Count);
            if (page.Next is null)
            {
                await progress.DoneAsync();
                return alerts.OrderByDescending(record => record.OccurredAt).ToList();
            }

            query["next"] = page.Next;
        }
    }

    /// <summary>The audit query for the options: their range, else the last 30 days up to now.</summary>
    internal static Dictionary<string, string> Query(LineageCliOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = options.Query("--from", "--to", "--account");
        query.TryAdd("to", now.AddSeconds(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        query.TryAdd("from", now.Subtract(AlertRecords.DefaultWindow).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        return query;
    }

    private static string Text(IReadOnlyList<RecordView> alerts)
    {
        var table = new TextTable("WHEN (UTC)", "ACCOUNT", "WHO", "ACTION", "RESOURCE", "ALERT");
        foreach (var alert in alerts)
        {
            table.Add(alert.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), alert.Account, alert.Actor,
                alert.Kind.StartsWith("audit.", StringComparison.Ordinal) ? alert.Kind["audit.".Length..] : alert.Kind,
                AlertRecords.Name(alert.Subject), AlertRecords.Reason(alert));
        }

        return table.ToString();
    }

    private static string Json(IReadOnlyList<RecordView> alerts) =>
        "[" + string.Join(",", alerts.Select(alert => "\n  " + JsonSerializer.Serialize(alert, AlertJsonContext.Relaxed.RecordView))) + (alerts.Count == 0 ? "]\n" : "\n]\n");
}
