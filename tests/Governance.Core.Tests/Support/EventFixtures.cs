using System.Text.Json.Nodes;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;

namespace Governance.Core.Tests.Support;

/// <summary>Loads the hand-written event fixtures under Fixtures/Events.</summary>
internal static class EventFixtures
{
    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Events", name));

    public static JsonObject Node(string name) => JsonNode.Parse(Bytes(name))!.AsObject();

    public static ParseResult Parse(string name) => EventParser.Parse(Bytes(name));

    public static ParseResult Parse(JsonNode node) => EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static ParsedEvent Parsed(ParseResult result) => result switch
    {
        ParsedEvent parsed => parsed,
        RejectedEvent rejected => throw new Xunit.Sdk.XunitException($"expected a parsed event, got a rejection: {rejected.Reason}"),
        _ => throw new Xunit.Sdk.XunitException("unexpected parse result"),
    };

    public static T Detail<T>(string name)
        where T : EventDetail => Assert.IsType<T>(Parsed(Parse(name)).Detail);

    public static string Rejection(ParseResult result)
    {
        var rejected = Assert.IsType<RejectedEvent>(result);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
        return rejected.Reason;
    }
}
