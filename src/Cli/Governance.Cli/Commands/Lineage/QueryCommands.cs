using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Governance.Cli.Commands.Alerts;
using Governance.Cli.Shell;
using Governance.Core.Lineage;
using Governance.Handlers.Settings;

namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// <c>governance timeline | endpoints | violations | audit</c>: the lineage API's list queries from the terminal,
/// as text lines or a JSON array, every page read.
/// </summary>
public static class QueryCommands
{
    private const string Connection = $$"""
          {{LineageCliOptions.ConnectionHelp}}

        Exit status: 0 answered, 1 not found, 2 usage or access error.
        """;

    public static readonly string TimelineHelp = """
        Usage: governance timeline <model-package-arn | group/version> [--format text|json] [options]

        The model version's audit timeline: the team package's records (receipt, policy decision, copies) and
        the central version's, merged in the order they happened; who and when. A team package's ARN names that
        package (the version it became, or the blocked package).

        Options:
          --format text|json      output form (default text)
          --out FILE              write to FILE instead of standard output
        """ + "\n" + Connection;

    public static readonly string EndpointsHelp = """
        Usage: governance endpoints <endpoint-name> [--account ID] [--format text|json] [options]

        Which model version runs on a SageMaker endpoint, since when, and what deployed onto it.

        Options:
          --account ID            the endpoint's account (default: the central account)
          --format text|json      output form (default text)
        """ + "\n" + Connection;

    public static readonly string ViolationsHelp = """
        Usage: governance violations [--account ID] [--format text|json] [options]

        Open policy and Config violations, oldest first, with the model version running on each resource.

        Options:
          --account ID            only this account's violations
          --format text|json      output form (default text)
          --out FILE              write to FILE instead of standard output
        """ + "\n" + Connection;

    public static readonly string AuditHelp = """
        Usage: governance audit (--from DATE --to DATE | --account ID) [--principal ARN] [--format text|json] [options]

        Who did what and when: ledger records in [from, to) or of one account, optionally of one principal.
        DATE is 2025-01-31 or 2025-01-31T12:00:00Z.

        Options:
          --from DATE --to DATE   the time range (half open)
          --account ID            only this account's records
          --principal ARN         only this principal's records (an assumed-role session matches its role)
          --format text|json      output form (default text)
          --out FILE              write to FILE instead of standard output
        """ + "\n" + Connection;

    public static Task<int> TimelineAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync("timeline", TimelineHelp, args, settings, stdout, stderr, ["--format", "--out"], options =>
        {
            var target = LineageCommand.Target(options);
            var query = options.Query();
            if (target.Account is { } account && target.Region is { } region)
            {
                query["account"] = account;
                query["region"] = region;
            }

            return ($"/models/{target.Group}/versions/{target.Version}/timeline", query, "records", (JsonElement record) => RecordLine(record));
        }, ct);

    public static Task<int> EndpointsAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync("endpoints", EndpointsHelp, args, settings, stdout, stderr, ["--format", "--account"], options =>
        {
            var name = options.Positionals.Count == 1 ? options.Positionals[0] : throw new ArgumentException("give one endpoint name");
            var query = options.Query("--account");
            query["region"] = options.Setting(SettingNames.Region) ?? "us-east-1";
            return ($"/endpoints/{Uri.EscapeDataString(name)}", query, null, EndpointText);
        }, ct);

    public static Task<int> ViolationsAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync("violations", ViolationsHelp, args, settings, stdout, stderr, ["--format", "--out", "--account"], options =>
            ("/violations", options.Query("--account"), "violations", ViolationLine), ct);

    public static Task<int> AuditAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync("audit", AuditHelp, args, settings, stdout, stderr, ["--format", "--out", "--from", "--to", "--account", "--principal"], options =>
            ("/audit", options.Query("--from", "--to", "--account", "--principal"), "records", RecordLine), ct);

    private static async Task<int> RunAsync(
        string command,
        string help,
        IReadOnlyList<string> args,
        Func<string, string?> settings,
        TextWriter stdout,
        TextWriter stderr,
        string[] accepted,
        Func<LineageCliOptions, (string Path, Dictionary<string, string> Query, string? Items, Func<JsonElement, string> Text)> plan,
        CancellationToken ct)
    {
        if (await CommandUsage.HelpAsync(args, help, stdout))
        {
            return 0;
        }

        try
        {
            var options = LineageCliOptions.Parse(args, settings, accepted);
            var format = options.Format("text", "json");
            var (path, query, items, text) = plan(options);
            using var connection = LineageConnection.Open(options);
            var outcome = await ApiPager.CollectAsync(connection.Api(ScopingPolicy.Everyone()), path, query, items, new Progress(stderr), ct);
            if (outcome.StatusCode != 200)
            {
                await stderr.WriteLineAsync($"governance {command}: {outcome.Body.GetProperty("message").GetString()}");
                return outcome.StatusCode == 404 ? 1 : 2;
            }

            var output = format == "json" ? Json(items is null ? [outcome.Body] : outcome.Items) : Text(items is null ? [outcome.Body] : outcome.Items, text, items);
            await LineageCommand.WriteAsync(options, output, stdout, stderr);
            return 0;
        }
        catch (ArgumentException e)
        {
            return await CommandUsage.ErrorAsync(command, e.Message, stderr);
        }
        catch (Exception e) when (e is AmazonDynamoDBException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"governance {command}: cannot read the ledger: {e.Message}");
            return 2;
        }
    }

    private static string Json(IReadOnlyList<JsonElement> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The column headers of each list's table; the line functions give the cells, tab-separated.</summary>
    private static readonly Dictionary<string, string[]> Columns = new(StringComparer.Ordinal)
    {
        ["records"] = ["WHEN (UTC)", "WHAT", "WHO", "ACCOUNT", "SUBJECT", "#", "ALERT"],
        ["violations"] = ["SINCE (UTC)", "SEVERITY", "RULE", "RESOURCE", "ACCOUNT", "RUNS", "WHY (CONFIG)"],
    };

    private static string Text(IReadOnlyList<JsonElement> items, Func<JsonElement, string> line, string? itemsProperty)
    {
        if (itemsProperty is not null && Columns.TryGetValue(itemsProperty, out var headers))
        {
            var table = new TextTable(headers);
            foreach (var row in items.SelectMany(item => line(item).Split('\n')))
            {
                table.Add(row.Split('\t'));
            }

            return table.ToString();
        }

        var text = new StringBuilder();
        foreach (var item in items)
        {
            text.Append(line(item)).Append('\n');
        }

        return items.Count == 0 ? "(none)\n" : text.ToString();
    }

    /// <summary>A record's row; a policy decision is followed by one row per rule with its explanation.</summary>
    private static string RecordLine(JsonElement record) => string.Join('\t',
        When(record, "occurredAt"), Get(record, "kind"), Get(record, "actor"), Get(record, "account"), AlertRecords.Name(Get(record, "subject")),
        record.GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture),
        record.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty(AlertRecords.Attribute, out var alert) ? "ALERT " + alert.GetString() : "")
        + string.Concat(RuleRows(record));

    private static IEnumerable<string> RuleRows(JsonElement record)
    {
        if (Get(record, "kind") != PolicyDecisionRecords.Kind || !record.TryGetProperty("attributes", out var attributes)
            || !attributes.TryGetProperty("results", out var results) || results.GetString() is not { } json)
        {
            yield break;
        }

        foreach (var rule in PolicyDecisionRecords.Rules(json))
        {
            yield return $"\n\t  {(rule.Passed ? "passed" : "FAILED")} {rule.Rule} ({rule.Mode}): {rule.Explanation}\t\t\t\t\t";
        }
    }

    private static string ViolationLine(JsonElement violation) => string.Join('\t',
        When(violation, "changedAt"), Get(violation, "severity"), Get(violation, "rule"), AlertRecords.Name(Get(violation, "resource")),
        Get(violation, "account"), Version(Get(violation, "runningModelPackageArn")), Get(violation, "annotation").ReplaceLineEndings(" "));

    /// <summary>A central package ARN as people name it (<c>credit-risk v3</c>).</summary>
    private static string Version(string arn) =>
        arn.Split(":model-package/") is [_, var name] && name.Split('/') is [var group, var version] ? $"{group} v{version}" : arn;

    private static string When(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetDateTimeOffset(out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "-";

    private static string EndpointText(JsonElement endpoint)
    {
        var running = endpoint.GetProperty("running");
        var line = running.ValueKind == JsonValueKind.Object
            ? $"{Get(endpoint, "arn")}\n  runs {Get(running, "modelPackageArn")} since {Get(running, "since")}"
            : $"{Get(endpoint, "arn")}\n  runs no governed model version";
        return line + string.Concat(endpoint.GetProperty("deployedFrom").EnumerateArray().Select(edge => $"\n  {Get(edge, "relation")} from {Get(edge, "from")}"));
    }

    private static string Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "-";
}
