using System.Text;
using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>Turns JSON syntax errors into reasons that point at the offending byte.</summary>
internal static class JsonErrors
{
    public static string Describe(JsonException exception, ReadOnlySpan<byte> json, int bytesBefore)
    {
        var line = exception.LineNumber ?? 0;
        var inLine = exception.BytePositionInLine ?? 0;
        var lineStart = 0L;
        for (var i = 0L; i < line; i++)
        {
            var next = json[(int)lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        return $"not valid JSON at byte {bytesBefore + lineStart + inLine} (line {line + 1}): {exception.Message}";
    }

    public static string DescribeNested(string what, JsonException exception) =>
        $"{what} is not valid JSON at line {(exception.LineNumber ?? 0) + 1}, byte {exception.BytePositionInLine ?? 0} of the line: {exception.Message}";

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
