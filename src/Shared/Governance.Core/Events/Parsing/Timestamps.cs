using System.Globalization;
using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>
/// Reads the timestamp shapes AWS events use: ISO-8601 strings with any number of fractional digits (digits past
/// the seventh are dropped: .NET ticks are 100 ns), epoch-millisecond numbers (integral or with <c>.0</c>) and
/// epoch-millisecond strings. Magnitudes below 1e11 are read as epoch seconds (1e11 ms is 1973; 1e11 s is year
/// 5138), which is how API responses encode times.
/// </summary>
public static class Timestamps
{
    private const double SecondsThreshold = 1e11;
    private static readonly double MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly double MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static bool TryRead(JsonElement value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out var number) && TryFromEpoch(number, out timestamp);
            case JsonValueKind.String:
                string? text;
                try
                {
                    text = value.GetString();
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

                return TryParse(text, out timestamp);
            default:
                return false;
        }
    }

    public static bool TryParse(string? text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (IsEpochNumber(span))
        {
            return double.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && TryFromEpoch(number, out timestamp);
        }

        return TryParseIso(span, out timestamp);
    }

    private static bool IsEpochNumber(ReadOnlySpan<char> span)
    {
        var digits = span.StartsWith('-') ? span[1..] : span;
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? [] : digits[(dot + 1)..];
        return !whole.IsEmpty && !whole.ContainsAnyExceptInRange('0', '9') && !fraction.ContainsAnyExceptInRange('0', '9');
    }

    private static bool TryFromEpoch(double value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (!double.IsFinite(value))
        {
            return false;
        }

        var milliseconds = Math.Round(Math.Abs(value) < SecondsThreshold ? value * 1000 : value);
        if (milliseconds < MinMilliseconds || milliseconds > MaxMilliseconds)
        {
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        return true;
    }

    // yyyy-MM-ddTHH:mm:ss[.fffffffff...][Z|±HH:mm|±HHmm]; no offset means UTC.
    private static bool TryParseIso(ReadOnlySpan<char> s, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] is not ('T' or 't' or ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s[5..7], out var month) || !TryDigits(s[8..10], out var day)
            || !TryDigits(s[11..13], out var hour) || !TryDigits(s[14..16], out var minute) || !TryDigits(s[17..19], out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = s[19..];
        long fractionTicks = 0;
        if (!rest.IsEmpty && rest[0] is '.' or ',')
        {
            var end = 1;
            var scale = TimeSpan.TicksPerSecond;
            while (end < rest.Length && char.IsAsciiDigit(rest[end]))
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fractionTicks += (rest[end] - '0') * scale;
                }

                end++;
            }

            if (end == 1)
            {
                return false;
            }

            rest = rest[end..];
        }

        if (!TryOffset(rest, out var offset))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        timestamp = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s.IsEmpty || s is "Z" or "z")
        {
            return true;
        }

        if (s[0] is not ('+' or '-'))
        {
            return false;
        }

        var body = s[1..];
        int hours, minutes;
        if (body.Length == 5 && body[2] == ':')
        {
            if (!TryDigits(body[..2], out hours) || !TryDigits(body[3..], out minutes))
            {
                return false;
            }
        }
        else if (body.Length == 4)
        {
            if (!TryDigits(body[..2], out hours) || !TryDigits(body[2..], out minutes))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (s[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
