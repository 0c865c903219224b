using System.Globalization;
using System.Text.Json;
using Governance.Core.Routing;

namespace Governance.Benchmarks.Handlers;

/// <summary>Checks that a measured invocation took the path its case names, so a broken setup is never timed.</summary>
public static class HandlerOutcome
{
    public static string Of(HandlerCase handlerCase, ReadOnlyMemory<byte> response)
    {
        ArgumentNullException.ThrowIfNull(handlerCase);
        using var document = JsonDocument.Parse(response);
        return handlerCase.Handler == HandlerNames.LineageApi
            ? document.RootElement.GetProperty("statusCode").GetInt32().ToString(CultureInfo.InvariantCulture)
            : document.RootElement.GetProperty("outcome").GetString() ?? "null";
    }

    public static void Require(HandlerCase handlerCase, ReadOnlyMemory<byte> response)
    {
        ArgumentNullException.ThrowIfNull(handlerCase);
        var outcome = Of(handlerCase, response);
        if (outcome != handlerCase.Expected)
        {
            throw new InvalidOperationException(
                $"{handlerCase.Name}: expected {handlerCase.Expected}, got {outcome}: {System.Text.Encoding.UTF8.GetString(response.Span)}");
        }
    }
}
