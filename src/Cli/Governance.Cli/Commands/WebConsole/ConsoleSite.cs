using System.Globalization;
using System.Text;
using Governance.Core.Presentation.Reports;
using Microsoft.AspNetCore.Http;

namespace Governance.Cli.Commands.WebConsole;

/// <summary>
/// The console's routes: GET only, HTML answers with a content security policy that allows no script and no
/// request to any other origin, so a page works offline and a value from the ledger cannot run as code.
/// </summary>
internal sealed class ConsoleSite(ConsoleQueries queries, TimeProvider time)
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public async Task HandleAsync(HttpContext context, CancellationToken ct)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await WriteAsync(context, 405, ConsolePages.Failed($"{request.Method} is not allowed: the console only reads"));
            return;
        }

        var form = request.Query.Where(pair => pair.Value.ToString().Trim().Length > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString().Trim(), StringComparer.Ordinal);
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        try
        {
            var (status, html) = segments switch
            {
                [] => (200, await InventoryAsync(form, ct)),
                ["models", var group] => await GroupAsync(group, ct),
                ["models", var group, "versions", var version] => await VersionAsync(group, version, ct),
                ["violations"] => (200, ConsolePages.Violations(await queries.OpenViolationsAsync(Text(form, "account"), ct), Text(form, "account"))),
                ["alerts"] => (200, await AlertsAsync(form, ct)),
                ["audit"] => (200, await AuditAsync(form, ct)),
                _ => (404, ConsolePages.NotFound($"no page at {request.Path}")),
            };
            await WriteAsync(context, status, html);
        }
        catch (ConsoleQueryException e)
        {
            await WriteAsync(context, e.StatusCode, ConsolePages.Failed(e.Message));
        }
        catch (FormatException e)
        {
            await WriteAsync(context, 400, ConsolePages.Failed(e.Message));
        }
    }

    public static Task WriteAsync(HttpContext context, int status, string html)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(html, Encoding.UTF8);
    }

    private async Task<string> InventoryAsync(Dictionary<string, string> form, CancellationToken ct)
    {
        var (from, to) = Range(form, TimeSpan.FromDays(90));
        var filter = new ConsolePages.InventoryFilter(Text(form, "q"), Text(form, "account"), Text(form, "central"), Text(form, "deployed"), from, to);
        return ConsolePages.Inventory(await queries.InventoryAsync(from, to.AddDays(1), ct), filter);
    }

    private async Task<(int, string)> GroupAsync(string group, CancellationToken ct) =>
        await queries.VersionsAsync(group, ct) is { } versions
            ? (200, ConsolePages.Group(group, versions))
            : (404, ConsolePages.NotFound($"model package group '{group}' has no versions in the ledger that you may see"));

    private async Task<(int, string)> VersionAsync(string group, string version, CancellationToken ct)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return (404, ConsolePages.NotFound($"'{version}' is not a version number"));
        }

        if (await queries.ReportAsync(group, number, ct) is not { } report)
        {
            return (404, ConsolePages.NotFound($"model version {group}/{version} is not in the ledger or not yours to see"));
        }

        // The report is the same self-contained page 'governance lineage --format html' writes, with the console's navigation on top.
        var html = HtmlRenderer.Render(report);
        var body = html.IndexOf("<body>", StringComparison.Ordinal);
        return (200, body < 0 ? html : html.Insert(body + "<body>".Length, ConsoleHtml.Nav("Inventory")));
    }

    private async Task<string> AlertsAsync(Dictionary<string, string> form, CancellationToken ct)
    {
        var (from, to) = Range(form, Alerts.AlertRecords.DefaultWindow);
        return ConsolePages.Alerts(await queries.AlertsAsync(from, to.AddDays(1), Text(form, "account"), ct), from, to, Text(form, "account"));
    }

    private async Task<string> AuditAsync(Dictionary<string, string> form, CancellationToken ct)
    {
        var query = form.Where(pair => pair.Key is "from" or "to" or "principal" or "account" or "next").ToDictionary(StringComparer.Ordinal);
        if (!query.ContainsKey("account") && !(query.ContainsKey("from") && query.ContainsKey("to")))
        {
            return ConsolePages.Audit(null, form, query.Count == 0 ? null : "Give both From and To, or an account.");
        }

        try
        {
            return ConsolePages.Audit(await queries.AuditAsync(query, ct), form, null);
        }
        catch (ConsoleQueryException e) when (e.StatusCode == 400)
        {
            return ConsolePages.Audit(null, form, e.Message);
        }
    }

    /// <summary>The form's from and to days, else the <paramref name="window"/> before today.</summary>
    private (DateTimeOffset From, DateTimeOffset To) Range(Dictionary<string, string> form, TimeSpan window)
    {
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var to = Date(form, "to") ?? today;
        var from = Date(form, "from") ?? to.Subtract(window);
        return from > to ? throw new FormatException("'from' must not be after 'to'") : (from, to);
    }

    private static DateTimeOffset? Date(Dictionary<string, string> form, string name) =>
        Text(form, name) is not { } text ? null
        : DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day) ? day
        : throw new FormatException($"{name} must be a date like 2025-01-31, not '{text}'");

    private static string? Text(Dictionary<string, string> form, string name) => form.GetValueOrDefault(name);
}
