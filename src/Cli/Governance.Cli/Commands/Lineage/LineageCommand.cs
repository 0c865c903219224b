using System.Text.Json;
using Amazon.DynamoDBv2;
using Governance.Core.Ledger;
using Governance.Core.Lineage;
using Governance.Core.Presentation.Reports;

namespace Governance.Cli.Commands.Lineage;

/// <summary>
/// <c>governance lineage &lt;arn | group/version&gt; [--format text|json|dot|html|openlineage] [--out FILE]</c>:
/// one model version's lineage, as text, the API's JSON, a Graphviz graph, a self-contained HTML report or
/// OpenLineage run events (one JSON object per line).
/// </summary>
public static class LineageCommand
{
    /// <summary>The API's JSON for people: indented, and characters JSON allows as they are (no \u escapes for &lt;, &gt;, &amp;, ', +, accents).</summary>
    private static readonly LineageJsonContext ReadableJson = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public const string Help = $$"""
        Usage: governance lineage <model-package-arn | group/version> [--format FORMAT] [--out FILE] [options]

        Where a model version came from (team package, account, approver, policy decision with each rule's
        explanation, training job, datasets, image and digest, artifact and checksum, code revision) and what
        came of it (central package, deployment runs, models, endpoint configs, endpoints, violations).
        group/version and a central ARN name the central registry's version; a team package's ARN names that
        package: the version it became, or, when it was blocked, the package and why.

        Options:
          --format text           readable summary (default)
          --format json           the lineage API's answer
          --format dot            Graphviz graph (render with: dot -Tsvg)
          --format html           self-contained report for non-engineers: graph, approvals, deployments,
                                  violations and the audit timeline; opens offline in any browser
          --format openlineage    OpenLineage run events, one per line (training and deployment runs)
          --out FILE              write to FILE instead of standard output
          {{LineageCliOptions.ConnectionHelp}}

        Exit status: 0 written, 1 the version is not in the ledger, 2 usage or access error.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (await CommandUsage.HelpAsync(args, Help, stdout))
        {
            return 0;
        }

        try
        {
            var options = LineageCliOptions.Parse(args, settings, "--format", "--out");
            var format = options.Format("text", "json", "dot", "html", "openlineage");
            var target = Target(options);
            using var connection = LineageConnection.Open(options);
            var resolved = await connection.Service.ResolveAsync(target, ct);
            if (resolved is null)
            {
                await stderr.WriteLineAsync($"governance lineage: {target.Arn(connection.Service.Location)} is not in the ledger table {connection.Table}");
                return 1;
            }

            var progress = new Progress(stderr);
            var lineage = await connection.Service.LineageAsync(resolved.Subject, resolved.Node, ct);
            var output = format switch
            {
                "json" => JsonSerializer.Serialize(lineage, ReadableJson.VersionLineageResponse) + "\n",
                "dot" => DotRenderer.Render(lineage),
                "html" => HtmlRenderer.Render(new LineageReport(lineage, await TimelineAsync(connection, Subjects(lineage), progress, ct), TimeProvider.System.GetUtcNow())),
                "openlineage" => OpenLineageEvents.ToJsonLines(OpenLineageEvents.From(lineage)),
                _ => TextRenderer.Render(lineage),
            };
            await WriteAsync(options, output, stdout, stderr);
            return 0;
        }
        catch (ArgumentException e)
        {
            return await CommandUsage.ErrorAsync("lineage", e.Message, stderr);
        }
        catch (Exception e) when (e is AmazonDynamoDBException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"governance lineage: cannot read the ledger: {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// The model version named by the one positional argument: group/version (central), or a model package ARN, central
    /// or a team package's.
    /// </summary>
    internal static VersionTarget Target(LineageCliOptions options)
    {
        if (options.Positionals.Count != 1)
        {
            throw new ArgumentException("give one model version: a model package ARN or group/version");
        }

        var target = options.Positionals[0];
        return VersionTarget.TryParse(target, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{target}' is neither a model package ARN nor group/version (e.g. credit-risk-scoring/1)");
    }

    internal static async Task WriteAsync(LineageCliOptions options, string output, TextWriter stdout, TextWriter stderr)
    {
        if (options.Value("--out") is { } path)
        {
            await File.WriteAllTextAsync(path, output);
            await stderr.WriteLineAsync($"wrote {path} ({output.Length} characters)");
        }
        else
        {
            await stdout.WriteAsync(output);
        }
    }

    /// <summary>Whose timelines the report shows: the team package's, the version's and those of its deployment runs, endpoints and violations.</summary>
    internal static IEnumerable<NodeRef> Subjects(VersionLineageResponse lineage)
    {
        var down = lineage.Downstream;
        return new[] { lineage.Upstream.SourcePackage, down.CentralPackage }.OfType<NodeView>()
            .Concat(down.Executions.Select(run => run.Execution))
            .Concat(down.Endpoints)
            .Concat(down.Violations)
            .Select(node => new NodeRef(node.Type, node.Id))
            .Distinct();
    }

    /// <summary>The subjects' records merged in the order they happened.</summary>
    internal static async Task<IReadOnlyList<RecordView>> TimelineAsync(LineageConnection connection, IEnumerable<NodeRef> subjects, Progress progress, CancellationToken ct)
    {
        var records = new List<RecordView>();
        foreach (var subject in subjects)
        {
            string? token = null;
            do
            {
                var page = await connection.Service.TimelineAsync(subject, new PageRequest(PageRequest.MaxPageSize, token), ct);
                records.AddRange(page.Items.Select(record => new RecordView(
                    record.Subject.ToString(), record.Sequence, record.Kind, record.OccurredAt, record.RecordedAt, record.Actor,
                    record.Account, record.ModelPackageGroup, record.Attributes, record.EventId, record.Hash)));
                await progress.ReportAsync("timeline records read", records.Count);
                token = page.NextPageToken;
            }
            while (token is not null);
        }

        await progress.DoneAsync();
        return records.OrderBy(record => record.OccurredAt).ThenBy(record => record.Subject, StringComparer.Ordinal).ThenBy(record => record.Sequence).ToList();
    }
}
