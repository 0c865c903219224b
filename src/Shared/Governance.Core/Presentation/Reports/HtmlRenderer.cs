using System.Globalization;
using System.Net;
using System.Text;
using Governance.Core.Lineage;

namespace Governance.Core.Presentation.Reports;

/// <summary>
/// One self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) that explains a model
/// version to a reader who is not an engineer: a plain-words summary, the lineage drawn as a graph, the
/// approvals, deployments, violations, inputs and the audit timeline.
/// </summary>
public static class HtmlRenderer
{
    private const int ColumnWidth = 210;
    private const int RowHeight = 64;
    private const int BoxWidth = 180;
    private const int BoxHeight = 46;
    private const int Margin = 20;

    private static readonly string[][] Columns =
    [
        ["Dataset", "Image"],
        ["TrainingJob"],
        ["Artifact"],
        ["SourcePackage"],
        ["CentralPackage"],
        ["PipelineExecution", "Model"],
        ["EndpointConfig"],
        ["Endpoint"],
        ["Violation"],
    ];

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["Dataset"] = "#e8f1fb",
        ["Image"] = "#e8f1fb",
        ["TrainingJob"] = "#eef7ec",
        ["Artifact"] = "#eef7ec",
        ["SourcePackage"] = "#fff6e0",
        ["CentralPackage"] = "#ffe9b3",
        ["PipelineExecution"] = "#f1ecfa",
        ["Model"] = "#f1ecfa",
        ["EndpointConfig"] = "#f1ecfa",
        ["Endpoint"] = "#e3f4f4",
        ["Violation"] = "#fde5e5",
    };

    private const string Style = """
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2933;margin:0;background:#f7f8fa}
        main{max-width:1180px;margin:0 auto;padding:24px 32px 48px;background:#fff}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d9dee5;padding-bottom:4px}
        .sub{color:#52606d;font-size:13px;word-break:break-all}.plain{font-size:15px;line-height:1.55;background:#f3f6fa;border-left:4px solid #2f6fb0;padding:10px 14px}
        .badge{display:inline-block;border-radius:10px;padding:2px 10px;font-size:12px;font-weight:600;margin-right:6px}
        .ok{background:#dff3e2;color:#1d6b2c}.warn{background:#fff1c9;color:#7a5a00}.bad{background:#fbdada;color:#9b1c1c}.neutral{background:#e4e7eb;color:#3e4c59}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
        th{background:#f3f4f6;font-weight:600}td.id{word-break:break-all;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
        .graph{border:1px solid #e4e7eb;border-radius:6px;background:#fcfcfd}.graph svg{display:block;height:auto}.note{color:#52606d;font-size:12px;margin-top:24px}
        """;

    public static string Render(LineageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lineage = report.Lineage;
        var summary = lineage.Summary;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(summary.Group)} version {summary.Version} — model lineage report</title><style>{Style}</style></head>
            <body><main>
            <h1>{E(summary.Group)} — version {summary.Version}</h1>
            <div class="sub">{E(summary.Arn)}</div>
            <p>{Badge("Team approval: " + summary.LocalApproval.Status, summary.LocalApproval.Status)}{Badge("Central approval: " + summary.CentralApproval.Status, summary.CentralApproval.Status)}{DeploymentBadge(summary)}{ViolationBadge(lineage)}</p>
            <p class="plain">{PlainWords(lineage)}</p>
            <h2>How this model was made and where it runs</h2>
            <div class="graph">{Graph(lineage)}</div>
            """);
        Approvals(html, summary);
        Policy(html, lineage.Policy);
        Deployments(html, lineage);
        Violations(html, lineage);
        Inputs(html, lineage.Upstream);
        Timeline(html, report.Timeline);
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="note">Generated {E(Display.When(report.GeneratedAt))} from the governance ledger. Every timeline entry is hash-chained to the one
            before it (the hash column), so any alteration or removal is detectable with <code>governance ledger verify</code>.</p>
            </main></body></html>
            """);
        return html.ToString();
    }

    private static string PlainWords(VersionLineageResponse lineage)
    {
        var summary = lineage.Summary;
        var up = lineage.Upstream;
        var words = new StringBuilder();
        words.Append(CultureInfo.InvariantCulture, $"Version {summary.Version} of <b>{E(summary.Group)}</b> was submitted by team account {E(summary.SourceAccount ?? "unknown")}");
        if (up.Approver is not null)
        {
            words.Append(CultureInfo.InvariantCulture, $" after approval by {E(up.Approver)}");
        }

        words.Append(up.Datasets.Count == 0
            ? ". No training data is recorded for it"
            : string.Create(CultureInfo.InvariantCulture, $". It was trained on {Count(up.Datasets.Count, "dataset")}"));
        words.Append(CultureInfo.InvariantCulture, $"; it ships as {Count(up.Artifacts.Count, "file")} and runs in {Count(up.Images.Count, "container image")}");
        if (up.CodeRevision is not null)
        {
            words.Append(CultureInfo.InvariantCulture, $", built from code revision {E(Display.Code(up.CodeRevision))}");
        }

        var central = summary.CentralApproval;
        if (lineage.Downstream.CentralPackage is null)
        {
            words.Append(central.Status == ApprovalStates.Blocked
                ? string.Create(CultureInfo.InvariantCulture, $". The governance policy <b>blocked</b> it ({E(Display.When(central.At))}): {E(lineage.Policy?.Summary ?? "see the policy decision below")}. It was not copied to the central registry.")
                : ". It has not been copied to the central registry.");
            return words.ToString();
        }

        words.Append(CultureInfo.InvariantCulture, $". In the central registry it is <b>{E(central.Status)}</b>");
        if (central.By is not null)
        {
            words.Append(CultureInfo.InvariantCulture, $" (by {E(central.By)}, {E(Display.When(central.At))})");
        }

        var running = summary.Deployments.Where(d => d.Current).ToList();
        words.Append(running.Count == 0
            ? ". It is not running on any endpoint."
            : string.Create(CultureInfo.InvariantCulture, $". It runs on {string.Join(", ", running.Select(d => $"<b>{E(Display.Short(d.Endpoint))}</b> since {E(Display.When(d.Since))}"))}."));
        words.Append(lineage.Downstream.Violations.Count == 0
            ? " No policy violations are recorded against its deployments."
            : string.Create(CultureInfo.InvariantCulture, $" <b>{Count(lineage.Downstream.Violations.Count, "policy violation")}</b> recorded against its deployments."));
        return words.ToString();
    }

    private static string Graph(VersionLineageResponse lineage)
    {
        var placed = new Dictionary<string, (int X, int Y, NodeView Node)>(StringComparer.Ordinal);
        var rows = 0;
        // Only the columns that hold something, so a short lineage is drawn large enough to read. Without a
        // training job the image goes straight into the package, so it stands with the files (no edge crosses a box).
        var trained = lineage.Nodes.Any(node => node.Type == "TrainingJob");
        var columns = Columns
            .Select(types => trained ? types : types.Contains("Artifact") ? [.. types, "Image"] : types.Where(type => type != "Image").ToArray())
            .Select(types => lineage.Nodes.Where(node => types.Contains(node.Type)).OrderBy(node => node.Type, StringComparer.Ordinal).ThenBy(Display.Box, StringComparer.Ordinal).ToList())
            .Where(members => members.Count > 0)
            .ToList();
        for (var column = 0; column < columns.Count; column++)
        {
            var members = columns[column];
            for (var row = 0; row < members.Count; row++)
            {
                placed[members[row].Ref] = (Margin + (column * ColumnWidth), Margin + (row * RowHeight), members[row]);
            }

            rows = Math.Max(rows, members.Count);
        }

        var width = (2 * Margin) + (Math.Max(columns.Count - 1, 0) * ColumnWidth) + BoxWidth;
        var height = (2 * Margin) + (Math.Max(rows, 1) * RowHeight);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" style="max-width:100%" viewBox="0 0 {width} {height}" role="img" aria-label="lineage graph">""");
        svg.Append("""<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#7b8794"/></marker></defs>""");
        foreach (var edge in lineage.Edges)
        {
            if (placed.TryGetValue(edge.From, out var from) && placed.TryGetValue(edge.To, out var to))
            {
                var (x1, y1) = (from.X + BoxWidth, from.Y + (BoxHeight / 2));
                var (x2, y2) = (to.X, to.Y + (BoxHeight / 2));
                var bend = Math.Max(40, Math.Abs(x2 - x1) / 2);
                svg.Append(CultureInfo.InvariantCulture, $"""<path d="M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}" fill="none" stroke="#9aa5b1" stroke-width="1.3" marker-end="url(#arrow)"><title>{E(edge.Relation)}</title></path>""");
            }
        }

        foreach (var (x, y, node) in placed.Values)
        {
            var central = node.Type == "CentralPackage";
            svg.Append(CultureInfo.InvariantCulture, $"""<g><title>{E(node.Ref)}</title><rect x="{x}" y="{y}" width="{BoxWidth}" height="{BoxHeight}" rx="8" fill="{Colours.GetValueOrDefault(node.Type, "#f3f4f6")}" stroke="{(central ? "#b7791f" : "#9aa5b1")}" stroke-width="{(central ? 2 : 1)}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + 10}" y="{y + 18}" font-size="11" fill="#52606d">{E(Display.Label(node.Type))}</text><text x="{x + 10}" y="{y + 35}" font-size="13" font-weight="600" fill="#1f2933">{E(Display.Box(node))}</text></g>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Approvals(StringBuilder html, ModelVersionSummary summary)
    {
        html.Append("<h2>Approvals</h2><table><tr><th>Where</th><th>Decision</th><th>By</th><th>When</th></tr>");
        Row(html, "Team registry (" + (summary.SourceAccount ?? "unknown account") + ")", summary.LocalApproval.Status, summary.LocalApproval.By ?? "not recorded", Display.When(summary.LocalApproval.At));
        Row(html, "Central registry", summary.CentralApproval.Status, summary.CentralApproval.By ?? "not recorded", Display.When(summary.CentralApproval.At));
        html.Append("</table>");
    }

    private static void Policy(StringBuilder html, PolicyDecisionView? policy)
    {
        html.Append("<h2>Policy decision</h2>");
        if (policy is null)
        {
            html.Append("<p>No policy decision is recorded for this version.</p>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{Badge("Policy: " + policy.Outcome, policy.Outcome == "blocked" ? ApprovalStates.Blocked : ApprovalStates.Approved)} {E(policy.Summary ?? string.Empty)} ({E(Display.When(policy.At))})</p>");
        html.Append("<table><tr><th>Rule</th><th>Mode</th><th>Result</th><th>Why</th></tr>");
        foreach (var rule in policy.Rules)
        {
            Row(html, rule.Rule, rule.Mode, rule.Passed ? "passed" : "failed", rule.Explanation);
        }

        html.Append("</table>");
    }

    private static void Deployments(StringBuilder html, VersionLineageResponse lineage)
    {
        html.Append("<h2>Deployments</h2><table><tr><th>Endpoint or deployment run</th><th>Account</th><th>State</th><th>Since</th></tr>");
        foreach (var deployment in lineage.Summary.Deployments)
        {
            Row(html, deployment.Endpoint, deployment.Account ?? "—", deployment.Current ? "runs this version" : "ran this version earlier", Display.When(deployment.Since));
        }

        foreach (var run in lineage.Downstream.Executions)
        {
            Row(html, run.Execution.Id, run.Execution.Account ?? "—", "deployment run: " + (run.Status ?? "status unknown"), Display.When(run.At));
        }

        if (lineage.Summary.Deployments.Count == 0 && lineage.Downstream.Executions.Count == 0)
        {
            html.Append("<tr><td colspan=\"4\">Not deployed.</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Violations(StringBuilder html, VersionLineageResponse lineage)
    {
        html.Append("<h2>Policy violations</h2><table><tr><th>Violation</th><th>Rule</th><th>Account</th></tr>");
        foreach (var violation in lineage.Downstream.Violations)
        {
            Row(html, violation.Id, violation.Attribute("rule") ?? "—", violation.Account ?? "—");
        }

        if (lineage.Downstream.Violations.Count == 0)
        {
            html.Append("<tr><td colspan=\"3\">None recorded.</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Inputs(StringBuilder html, UpstreamLineage up)
    {
        html.Append("<h2>What went into it</h2><table><tr><th>Kind</th><th>Identity</th><th>Details</th></tr>");
        if (up.SourcePackage is { } source)
        {
            Row(html, "Team model package", source.Id, "account " + (up.Account ?? "unknown"));
        }

        if (up.CodeRevision is { } code)
        {
            Row(html, "Source code", Display.Code(code), string.Join("; ", new[]
            {
                code.GeneratedBy is null ? null : "generated by " + code.GeneratedBy,
                code.ProjectId is null ? null : "SageMaker project " + code.ProjectId,
            }.OfType<string>()));
        }

        foreach (var job in up.TrainingJobs)
        {
            Row(html, "Training job", job.Id, job.Attribute("codeRevision") is { } revision ? "code " + revision : string.Empty);
        }

        foreach (var dataset in up.Datasets)
        {
            Row(html, "Dataset", dataset.Id, dataset.Attribute("channel") ?? string.Empty);
        }

        foreach (var image in up.Images)
        {
            Row(html, "Container image", image.Attribute("uri") ?? image.Id, "digest " + image.Id);
        }

        foreach (var artifact in up.Artifacts)
        {
            Row(html, "Model file" + (artifact.Attribute("role") is { } role ? " (" + role + ")" : string.Empty), artifact.Attribute("uri") ?? artifact.Id, "checksum " + artifact.Id);
        }

        html.Append("</table>");
    }

    private static void Timeline(StringBuilder html, IReadOnlyList<RecordView> timeline)
    {
        html.Append("<h2>Audit timeline</h2><table><tr><th>When</th><th>What happened</th><th>Who</th><th>Record</th><th>Hash</th></tr>");
        foreach (var record in timeline)
        {
            Row(html, Display.When(record.OccurredAt), Display.Happened(record.Kind), record.Actor ?? "—", $"{Display.Label(record.Subject[..record.Subject.IndexOf(':', StringComparison.Ordinal)])} #{record.Sequence}", record.Hash[..12] + "…");
        }

        if (timeline.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\">No records.</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Row(StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            var id = cell.StartsWith("arn:", StringComparison.Ordinal) || cell.StartsWith("s3://", StringComparison.Ordinal) || cell.Contains("sha256:", StringComparison.Ordinal);
            html.Append(id ? "<td class=\"id\">" : "<td>").Append(E(cell)).Append("</td>");
        }

        html.Append("</tr>");
    }

    private static string Badge(string text, string status)
    {
        var kind = status switch
        {
            ApprovalStates.Approved => "ok",
            ApprovalStates.Rejected or ApprovalStates.Blocked => "bad",
            ApprovalStates.Pending => "warn",
            _ => "neutral",
        };
        return $"<span class=\"badge {kind}\">{E(text)}</span>";
    }

    private static string DeploymentBadge(ModelVersionSummary summary) =>
        summary.Deployments.Any(d => d.Current)
            ? "<span class=\"badge ok\">Running</span>"
            : "<span class=\"badge neutral\">Not running</span>";

    private static string ViolationBadge(VersionLineageResponse lineage) =>
        lineage.Downstream.Violations.Count == 0
            ? "<span class=\"badge ok\">No violations</span>"
            : string.Create(CultureInfo.InvariantCulture, $"<span class=\"badge bad\">{Count(lineage.Downstream.Violations.Count, "violation")}</span>");

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{count} {noun}s");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
