using System.Globalization;
using System.Net;
using System.Text;

namespace Governance.Cli.Commands.WebConsole;

/// <summary>The console's page frame and the few building blocks every page uses; every text goes through <see cref="E"/>.</summary>
internal static class ConsoleHtml
{
    private const string Style = """
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2933;margin:0;background:#f7f8fa}
        nav{background:#1f2d3d;padding:0 24px;display:flex;gap:4px;align-items:center}
        nav a{color:#d9e2ec;text-decoration:none;padding:12px 14px;font-size:14px}nav a.here{color:#fff;border-bottom:3px solid #5fa8ff}
        nav .brand{color:#fff;font-weight:700;margin-right:18px;padding-left:0}
        main{max-width:1280px;margin:0 auto;padding:20px 32px 48px;background:#fff;min-height:80vh}
        h1{font-size:22px;margin:0 0 12px}.sub{color:#52606d;font-size:13px}
        form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;background:#f3f6fa;padding:10px 12px;border-radius:6px;margin-bottom:14px}
        form.filters label{display:flex;flex-direction:column;font-size:12px;color:#52606d;gap:3px}
        input,select{font-size:13px;padding:5px 6px;border:1px solid #c3ccd6;border-radius:4px}button{font-size:13px;padding:6px 14px}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
        th{background:#f3f4f6;font-weight:600}td.id{word-break:break-all;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
        .badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600}
        .ok{background:#dff3e2;color:#1d6b2c}.warn{background:#fff1c9;color:#7a5a00}.bad{background:#fbdada;color:#9b1c1c}.neutral{background:#e4e7eb;color:#3e4c59}
        .error{background:#fbdada;color:#9b1c1c;padding:10px 14px;border-radius:6px}.count{color:#52606d;font-size:13px;margin:6px 0}
        a{color:#1f5fa8}
        """;

    public static readonly string[] Sections = ["Inventory", "Violations", "Alerts", "Audit"];

    public static string Page(string title, string section, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} — governance console</title><style>{Style}</style></head>
        <body>{Nav(section)}<main>
        {body}
        </main></body></html>
        """;

    public static string Nav(string section)
    {
        var links = Sections.Select(name =>
            $"<a href=\"{Href(name)}\"{(name == section ? " class=\"here\" aria-current=\"page\"" : "")}>{name}</a>");
        return $"<nav><a class=\"brand\" href=\"/\">Model governance</a>{string.Concat(links)}</nav>";
    }

    public static string Href(string section) => section == "Inventory" ? "/" : "/" + section.ToLowerInvariant();

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string U(string text) => Uri.EscapeDataString(text);

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Badge(string? status)
    {
        var css = status switch
        {
            "Approved" or "Succeeded" or "compliant" => "ok",
            "PendingManualApproval" or "Pending" or "warning" or "medium" => "warn",
            "Rejected" or "Blocked" or "Failed" or "critical" or "high" => "bad",
            _ => "neutral",
        };
        return $"<span class=\"badge {css}\">{E(status ?? "none")}</span>";
    }

    public static string Input(string label, string name, string? value, string type = "text", string placeholder = "") =>
        $"<label>{E(label)}<input type=\"{type}\" name=\"{name}\" value=\"{E(value)}\" placeholder=\"{E(placeholder)}\"></label>";

    public static string Select(string label, string name, string? value, IEnumerable<(string Value, string Text)> options)
    {
        var html = new StringBuilder($"<label>{E(label)}<select name=\"{name}\"><option value=\"\">any</option>");
        foreach (var (option, text) in options)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(option)}\"{(option == value ? " selected" : "")}>{E(text)}</option>");
        }

        return html.Append("</select></label>").ToString();
    }

    public static string Table(string[] headers, IEnumerable<string[]> rows, string empty)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        var count = 0;
        foreach (var row in rows)
        {
            count++;
            html.Append("<tr>").AppendJoin("", row.Select(cell => "<td>" + cell + "</td>")).Append("</tr>");
        }

        return count == 0 ? $"<p class=\"count\">{E(empty)}</p>" : html.Append("</tbody></table>").ToString();
    }

    public static string Error(string message) => $"<p class=\"error\" role=\"alert\">{E(message)}</p>";

    /// <summary>The console link of a central package ARN (…:model-package/group/version), or its name when it is not one.</summary>
    public static string VersionLink(string? arn)
    {
        if (arn is null)
        {
            return "—";
        }

        var marker = arn.IndexOf(":model-package/", StringComparison.Ordinal);
        var parts = marker < 0 ? [] : arn[(marker + ":model-package/".Length)..].Split('/');
        return parts is [var group, var version] && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? $"<a href=\"/models/{U(group)}/versions/{U(version)}\">{E(group)} v{E(version)}</a>"
            : E(arn);
    }
}
