using System.Text.Json;
using Governance.Core.Lineage;

namespace Governance.Cli.Commands.Lineage;

/// <summary>Runs a query through the in-process lineage API and follows <c>next</c> to the last page.</summary>
internal static class ApiPager
{
    public sealed record Outcome(int StatusCode, JsonElement Body, IReadOnlyList<JsonElement> Items);

    public static async Task<Outcome> CollectAsync(
        LineageApi api, string path, Dictionary<string, string> query, string? itemsProperty, Progress progress, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        JsonElement body;
        while (true)
        {
            var response = await api.HandleAsync(new ApiRequest("GET", path, query, null), cancellationToken);
            using (var document = JsonDocument.Parse(response.Body))
            {
                body = document.RootElement.Clone();
            }

            if (response.StatusCode != 200 || itemsProperty is null)
            {
                return new Outcome(response.StatusCode, body, items);
            }

            items.AddRange(body.GetProperty(itemsProperty).EnumerateArray());
            await progress.ReportAsync($"{itemsProperty} read", items.Count);
            if (body.GetProperty("next").GetString() is not { } next)
            {
                await progress.DoneAsync();
                return new Outcome(200, body, items);
            }

            query["next"] = next;
        }
    }
}
