using System.Xml.Linq;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests;

public class SolutionLayoutTests
{
    [Fact]
    public void CoreAssembly_ShouldReferenceNoAwsOrHostingAssembly()
    {
        var references = typeof(Governance.Core.CoreAssembly).Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("AWSSDK", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Governance.", StringComparison.Ordinal));
    }

    [Fact]
    public void Benchmarks_ShouldReferenceNoProjectUnderTests()
    {
        var references = ProjectReferences("benchmarks").ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, reference => reference.Target.StartsWith(RepositoryRoot.Combine("tests") + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    [Fact]
    public void ProjectsUnderSrc_ShouldReferenceNeitherTestsNorBenchmarksNorAnExecutable()
    {
        var references = ProjectReferences("src").ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            Assert.StartsWith(RepositoryRoot.Combine("src") + Path.DirectorySeparatorChar, reference.Target, StringComparison.Ordinal);
            Assert.NotEqual("Exe", (string?)XDocument.Load(reference.Target).Descendants("OutputType").FirstOrDefault());
        });
    }

    [Fact]
    public void SourceFilesUnderSrc_ShouldHaveAtMost400Lines()
    {
        var files = Directory.EnumerateFiles(RepositoryRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(files);
        Assert.DoesNotContain(files.Select(file => (File: file, Lines: File.ReadLines(file).Count())), file => file.Lines > 400);
    }

    /// <summary>Every ProjectReference of the projects under <paramref name="folder"/>, as full paths.</summary>
    private static IEnumerable<(string Project, string Target)> ProjectReferences(string folder) =>
        from project in Directory.EnumerateFiles(RepositoryRoot.Combine(folder), "*.csproj", SearchOption.AllDirectories)
        from reference in XDocument.Load(project).Descendants("ProjectReference")
        select (project, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, ((string)reference.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar))));

    [SharedFact]
    public void SharedFolder_WhenPresent_ShouldHoldTheSampleEvents()
    {
        Assert.True(Directory.Exists(SharedFolder.Combine("events")));
    }
}
