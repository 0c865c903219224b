using Governance.Cli.Shell;

namespace Governance.Cli.Tests.Shell;

public class TextTableTests
{
    [Fact]
    public void Table_WithAnsiEscapesInAModelPackageDescription_ShouldPrintThemInertAndKeepItsLayout()
    {
        var table = new TextTable("VERSION", "DESCRIPTION")
            .Add("credit-risk v3", "fine\u001b[2J\u001b[1;1H\u001b[32mAPPROVED\u001b[0m\r\nby nobody\u009b31m");

        var text = table.ToString();

        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        Assert.Equal(
            "VERSION         DESCRIPTION\ncredit-risk v3  fine[2J[1;1H[32mAPPROVED[0m by nobody31m\n",
            text);
    }
}
