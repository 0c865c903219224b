using Governance.Core.Events.Parsing;

namespace Governance.Core.Tests.Events;

public class TimestampsTests
{
    [Theory]
    [InlineData("2021-02-24T17:00:14Z", "2021-02-24T17:00:14.0000000+00:00")]
    [InlineData("2022-03-02T07:03:46.945Z", "2022-03-02T07:03:46.9450000+00:00")]
    [InlineData("2022-12-03T00:09:44.893854735Z", "2022-12-03T00:09:44.8938547+00:00")]
    [InlineData("2024-01-01T10:00:00+02:00", "2024-01-01T10:00:00.0000000+02:00")]
    [InlineData("2024-01-01T10:00:00-0530", "2024-01-01T10:00:00.0000000-05:30")]
    [InlineData("2024-01-01T10:00:00", "2024-01-01T10:00:00.0000000+00:00")]
    [InlineData("1583831889050", "2020-03-10T09:18:09.0500000+00:00")]
    [InlineData("1592411992203.0", "2020-06-17T16:39:52.2030000+00:00")]
    [InlineData("1592411992", "2020-06-17T16:39:52.0000000+00:00")]
    public void TryParse_WhenTextIsATimestampShape_ShouldReadIt(string text, string expected)
    {
        Assert.True(Timestamps.TryParse(text, out var value));
        Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2022-03-02T00: 09: 06Z")]
    [InlineData("2022-02-30T00:00:00Z")]
    [InlineData("2022-13-01T00:00:00Z")]
    [InlineData("2022-01-01T24:00:00Z")]
    [InlineData("2022-01-01T00:00:00.Z")]
    [InlineData("2022-01-01T00:00:00+15:00")]
    [InlineData("2022-01-01")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("99999999999999999999999")]
    [InlineData("253402300799999.6")]
    [InlineData("-62135596800000.6")]
    public void TryParse_WhenTextIsNotATimestamp_ShouldFail(string text)
    {
        Assert.False(Timestamps.TryParse(text, out _));
    }

    [Fact]
    public void TryRead_WhenStringHasAnUnpairedSurrogateEscape_ShouldFailWithoutThrowing()
    {
        using var document = System.Text.Json.JsonDocument.Parse("\"2024\\ud800\"");

        Assert.False(Timestamps.TryRead(document.RootElement, out _));
    }

    [Fact]
    public void TryRead_WhenNumberIsEpochMillisecondsIntegralFloat_ShouldReadIt()
    {
        using var document = System.Text.Json.JsonDocument.Parse("[1592411992203.0, 1696427470120, 1e400]");
        var values = document.RootElement.EnumerateArray().ToArray();

        Assert.True(Timestamps.TryRead(values[0], out var fromFloat));
        Assert.True(Timestamps.TryRead(values[1], out var fromInteger));
        Assert.False(Timestamps.TryRead(values[2], out _));
        Assert.Equal(1592411992203, fromFloat.ToUnixTimeMilliseconds());
        Assert.Equal(1696427470120, fromInteger.ToUnixTimeMilliseconds());
    }
}
