using System.Text.Json;
using System.Text.Unicode;

namespace Governance.Core.Events.Parsing;

/// <summary>
/// Parses one event from UTF-8 JSON. Never throws: every input yields a <see cref="ParsedEvent"/> or a
/// <see cref="RejectedEvent"/> whose reason names the field or byte at fault.
/// </summary>
/// <remarks>
/// Tolerant where AWS producers disagree (integral floats, epoch-ms numbers and strings, 9-digit fractions,
/// absent/null/empty optionals, a duplicated <c>source</c> ending as an array, key casing, booleans as strings,
/// JSON inside strings); strict on what the service acts on (ids, ARNs, statuses, approval status).
/// Duplicate keys resolve last-wins. Nesting deeper than <see cref="MaxDepth"/> is rejected.
/// </remarks>
public static class EventParser
{
    /// <summary>Deepest nesting accepted; real events stay far below it.</summary>
    public const int MaxDepth = 64;

    internal static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    public static ParseResult Parse(ReadOnlyMemory<byte> utf8Json)
    {
        var skipped = utf8Json.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        var json = utf8Json[skipped..];
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Reject("the input is empty");
        }

        if (!Utf8.IsValid(json.Span))
        {
            return Reject($"not valid UTF-8 at byte {skipped + JsonErrors.FirstInvalidUtf8(json.Span)}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return Reject(JsonErrors.Describe(exception, json.Span, skipped));
        }

        using (document)
        {
            try
            {
                return EnvelopeReader.Read(document.RootElement, unwrapSns: true);
            }
            catch (InvalidOperationException exception)
            {
                // Only reachable through a property name with an unpaired \uD800-style escape: values are read safely.
                return Reject($"a property name is not valid text: {exception.Message}");
            }
        }
    }

    private static RejectedEvent Reject(string reason) => new(reason, null, null, null);
}
