using Governance.Aws.Ledger;

namespace Governance.Functions.Tests.Template;

public class LedgerTableTemplateTests
{
    [Fact]
    public async Task TemplateTable_ShouldHaveExactlyTheKeysIndexesAndTtlTheLedgerCreates()
    {
        var template = await DeployedTemplate.CentralAsync();
        var table = template["Resources"]!["LedgerTable"]!["Properties"]!;
        var expected = LedgerTableDefinition.CreateTableRequest("ledger");

        var attributes = table["AttributeDefinitions"].AsNodes()
            .Select(attribute => $"{(string?)attribute["AttributeName"]}:{(string?)attribute["AttributeType"]}").Order(StringComparer.Ordinal);
        var keys = table["KeySchema"].AsNodes().Select(key => $"{(string?)key["AttributeName"]}:{(string?)key["KeyType"]}");
        var indexes = table["GlobalSecondaryIndexes"].AsNodes()
            .Select(index => $"{(string?)index["IndexName"]}({string.Join(",", index["KeySchema"].AsNodes().Select(key => $"{(string?)key["AttributeName"]}:{(string?)key["KeyType"]}"))}):{(string?)index["Projection"]!["ProjectionType"]}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected.AttributeDefinitions.Select(attribute => $"{attribute.AttributeName}:{attribute.AttributeType.Value}").Order(StringComparer.Ordinal), attributes);
        Assert.Equal(expected.KeySchema.Select(key => $"{key.AttributeName}:{key.KeyType.Value}"), keys);
        Assert.Equal(
            expected.GlobalSecondaryIndexes.Select(index => $"{index.IndexName}({string.Join(",", index.KeySchema.Select(key => $"{key.AttributeName}:{key.KeyType.Value}"))}):{index.Projection.ProjectionType.Value}").Order(StringComparer.Ordinal),
            indexes);
        Assert.Equal(LedgerTableDefinition.TimeToLiveAttribute, (string?)table["TimeToLiveSpecification"]!["AttributeName"]);
    }
}
