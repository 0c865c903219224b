using Governance.Cli.Commands.Alerts;
using Governance.Core.Lineage;
using static Governance.Cli.Commands.WebConsole.ConsoleHtml;

namespace Governance.Cli.Commands.WebConsole;

/// <summary>The console's pages, rendered on the server from the lineage API's answers.</summary>
internal static class ConsolePages
{
    /// <summary>The inventory's filters, as the form sent them.</summary>
    public sealed record InventoryFilter(string? Search, string? Account, string? Central, string? Deployed, DateTimeOffset From, DateTimeOffset To)
    {
        public bool Matches(ModelVersionSummary version, int openViolations) =>
            (Search is null || new[] { version.Group, version.Arn, version.SourceAccount ?? "", version.SourcePackageArn ?? "" }
                .Concat(version.Deployments.Select(deployment => deployment.Endpoint))
                .Any(text => text.Contains(Search, StringComparison.OrdinalIgnoreCase)))
            && (Account is null || version.SourceAccount == Account)
            && (Central is null || version.CentralApproval.Status == Central)
            && Deployed switch
            {
                "yes" => version.Deployments.Any(deployment => deployment.Current),
                "no" => !version.Deployments.Any(deployment => deployment.Current),
                "violations" => openViolations > 0,
                _ => true,
            };
    }

    public static string Inventory(InventoryView inventory, InventoryFilter filter)
    {
        var openByVersion = inventory.OpenViolations
            .Where(violation => violation.RunningModelPackageArn is not null)
            .GroupBy(violation => violation.RunningModelPackageArn!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var shown = inventory.Versions
            .Where(version => filter.Matches(version, openByVersion.GetValueOrDefault(version.Arn)))
            .OrderBy(version => version.Group, StringComparer.Ordinal).ThenByDescending(version => version.Version)
            .ToList();
        var form = "<form class=\"filters\" method=\"get\" action=\"/\">"
            + Input("Search", "q", filter.Search, "search", "model, ARN, account, endpoint")
            + Select("Team account", "account", filter.Account, inventory.Versions.Select(v => v.SourceAccount).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(a => (a, a)))
            + Select("Central approval", "central", filter.Central, inventory.Versions.Select(v => v.CentralApproval.Status).Distinct().Order(StringComparer.Ordinal).Select(s => (s, s)))
            + Select("Deployment", "deployed", filter.Deployed, [("yes", "runs on an endpoint"), ("no", "runs nowhere"), ("violations", "has open violations")])
            + Input("Active from", "from", Day(filter.From), "date") + Input("to", "to", Day(filter.To), "date")
            + "<button type=\"submit\">Filter</button> <a href=\"/\">clear</a></form>";
        var rows = shown.Select(version => new[]
        {
            $"<a href=\"/models/{U(version.Group)}\">{E(version.Group)}</a>",
            $"<a href=\"/models/{U(version.Group)}/versions/{version.Version}\">version {version.Version}</a>",
            E(version.SourceAccount),
            Badge(version.LocalApproval.Status),
            Badge(version.CentralApproval.Status),
            Endpoints(version),
            openByVersion.GetValueOrDefault(version.Arn) is var open and > 0 ? $"<a href=\"/violations\"><span class=\"badge bad\">{open} open</span></a>" : "none",
        });
        var note = inventory.Truncated ? Error("The period holds more activity than the console reads at once; narrow the dates.") : "";
        return Page("Inventory", "Inventory", $"""
            <h1>Model inventory</h1>
            <p class="sub">Models with ledger activity from {E(Day(filter.From))} to {E(Day(filter.To))}, each version's approvals, where it runs and its open violations.</p>
            {form}{note}
            <p class="count">{shown.Count} of {inventory.Versions.Count} version(s)</p>
            {Table(["Model", "Version", "Team account", "Team approval", "Central approval", "Runs on", "Open violations"], rows, "No model version matches.")}
            """);
    }

    public static string Group(string group, IReadOnlyList<ModelVersionSummary> versions)
    {
        var rows = versions.OrderByDescending(version => version.Version).Select(version => new[]
        {
            $"<a href=\"/models/{U(version.Group)}/versions/{version.Version}\">version {version.Version}</a>",
            E(version.SourceAccount),
            Badge(version.LocalApproval.Status) + " " + E(version.LocalApproval.By),
            Badge(version.CentralApproval.Status) + " " + E(version.CentralApproval.By),
            Endpoints(version),
            Time(version.RecordedAt),
        });
        return Page(group, "Inventory", $"""
            <h1>{E(group)}</h1>
            <p class="sub">Every version of this model package group in the ledger.</p>
            {Table(["Version", "Team account", "Team approval", "Central approval", "Runs on", "Recorded"], rows, "No versions.")}
            """);
    }

    public static string Violations(IReadOnlyList<ViolationView> violations, string? account)
    {
        var form = "<form class=\"filters\" method=\"get\" action=\"/violations\">"
            + Input("Account", "account", account, "text", "12-digit account id")
            + "<button type=\"submit\">Filter</button> <a href=\"/violations\">clear</a></form>";
        var rows = violations.OrderBy(violation => violation.ChangedAt).Select(violation => new[]
        {
            Badge(violation.Severity), E(violation.Rule), E(AlertRecords.Name(violation.Resource)), E(violation.Account),
            Time(violation.ChangedAt), VersionLink(violation.RunningModelPackageArn),
        });
        return Page("Open violations", "Violations", $"""
            <h1>Open violations</h1>
            <p class="sub">AWS Config rules a governed resource does not comply with, oldest first, and the model version it runs.</p>
            {form}<p class="count">{violations.Count} open</p>
            {Table(["Severity", "Rule", "Resource", "Account", "Since", "Runs"], rows, "No open violation.")}
            """);
    }

    public static string Alerts(IReadOnlyList<RecordView> alerts, DateTimeOffset from, DateTimeOffset to, string? account)
    {
        var form = "<form class=\"filters\" method=\"get\" action=\"/alerts\">"
            + Input("From", "from", Day(from), "date") + Input("to", "to", Day(to), "date")
            + Input("Account", "account", account, "text", "12-digit account id")
            + "<button type=\"submit\">Filter</button> <a href=\"/alerts\">clear</a></form>";
        return Page("Alerts", "Alerts", $"""
            <h1>Out-of-band alerts</h1>
            <p class="sub">Actions on governed resources taken outside the governed path (CloudTrail, audit.alert), newest first.</p>
            {form}<p class="count">{alerts.Count} alert(s)</p>
            {Table(["When", "Account", "Who", "Action", "Resource", "Why"], alerts.Select(AlertRow), "No alert in this period.")}
            """);
    }

    public static string Audit(AuditResponse? page, IReadOnlyDictionary<string, string> form, string? error)
    {
        var filters = "<form class=\"filters\" method=\"get\" action=\"/audit\">"
            + Input("From", "from", form.GetValueOrDefault("from"), "text", "2025-01-31 or 2025-01-31T12:00:00Z")
            + Input("To", "to", form.GetValueOrDefault("to"), "text", "2025-02-01")
            + Input("Principal", "principal", form.GetValueOrDefault("principal"), "text", "arn:aws:iam::111122223333:role/name")
            + Input("Account", "account", form.GetValueOrDefault("account"), "text", "12-digit account id")
            + "<button type=\"submit\">Search</button></form>";
        var body = error is not null ? Error(error)
            : page is null ? "<p class=\"count\">Give a time range, an account, or both; a principal narrows either.</p>"
            : $"<p class=\"count\">{page.Records.Count} record(s) on this page</p>"
                + Table(["When", "Account", "Who", "What", "Resource", "Alert"], page.Records.OrderBy(record => record.OccurredAt).Select(RecordRow), "No record matches.")
                + (page.Next is null ? "" : $"<p><a rel=\"next\" href=\"/audit?{Next(form, page.Next)}\">Next page</a></p>");
        return Page("Audit", "Audit", $"""
            <h1>Audit search</h1>
            <p class="sub">Who did what and when, from the hash-chained ledger: by time range, account and principal (an assumed-role session matches its role).</p>
            {filters}{body}
            """);
    }

    public static string NotFound(string message) => Page("Not found", "", $"<h1>Not found</h1>{Error(message)}<p><a href=\"/\">Back to the inventory</a></p>");

    public static string Failed(string message) => Page("Error", "", $"<h1>The query failed</h1>{Error(message)}");

    private static string Endpoints(ModelVersionSummary version)
    {
        var current = version.Deployments.Where(deployment => deployment.Current).Select(deployment => E(AlertRecords.Name("Endpoint:" + deployment.Endpoint))).ToList();
        return current.Count == 0 ? "—" : string.Join("<br>", current);
    }

    private static string[] AlertRow(RecordView alert) =>
    [
        Time(alert.OccurredAt), E(alert.Account), E(alert.Actor), E(alert.Kind), E(AlertRecords.Name(alert.Subject)),
        $"<span class=\"badge bad\">alert</span> {E(AlertRecords.Reason(alert))}",
    ];

    private static string[] RecordRow(RecordView record) =>
    [
        Time(record.OccurredAt), E(record.Account), E(record.Actor), E(record.Kind), E(AlertRecords.Name(record.Subject)),
        AlertRecords.IsAlert(record) ? $"<span class=\"badge bad\">alert</span> {E(AlertRecords.Reason(record))}" : "",
    ];

    private static string Next(IReadOnlyDictionary<string, string> form, string next) =>
        string.Join("&amp;", form.Where(pair => pair.Key != "next" && pair.Value.Length > 0).Append(new("next", next))
            .Select(pair => $"{U(pair.Key)}={U(pair.Value)}"));
}
