using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Testing;
using Governance.Local.Lambda;

namespace Governance.Functions.Tests.Packaging;

/// <summary>
/// The bootstrap Lambda runs (the one <c>make publish</c> builds and every real-process test starts) is a Native
/// AOT executable that provided.al2023 can run: native x86-64 code with nothing managed beside it, linked against
/// no glibc newer than Amazon Linux 2023's 2.34; and its build cannot hide a trim or AOT analysis warning.
/// </summary>
public sealed partial class NativeBootstrapTests
{
    private const int ElfMachineX8664 = 0x3E;
    private static readonly Version AmazonLinux2023Glibc = new(2, 34);
    private static readonly string[] BootstrapProjects =
    [
        "src/Functions/Governance.Functions/Governance.Functions.csproj",
        "src/Shared/Governance.Core/Governance.Core.csproj",
        "src/Shared/Governance.Aws/Governance.Aws.csproj",
        "src/Shared/Governance.Hosting/Governance.Hosting.csproj",
    ];

    [Fact]
    public void Bootstrap_ShouldBeANativeX64ElfExecutableWithOnlyConfigFilesBesideIt()
    {
        var bootstrap = BootstrapBinary.Resolve(RepositoryRoot.Path);
        var header = new byte[20];
        using (var file = File.OpenRead(bootstrap))
        {
            file.ReadExactly(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]); // ELFCLASS64
        Assert.Equal(1, header[5]); // little-endian
        Assert.Contains(BitConverter.ToUInt16(header, 16), new ushort[] { 2, 3 }); // executable or position-independent executable
        Assert.Equal(ElfMachineX8664, BitConverter.ToUInt16(header, 18));
        Assert.True(OperatingSystem.IsLinux() && (File.GetUnixFileMode(bootstrap) & UnixFileMode.UserExecute) != 0, "bootstrap is not an executable file on Linux");

        var folder = Path.GetDirectoryName(bootstrap)!;
        var shipped = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var unexpected = shipped.Where(path => path != "bootstrap" && !ConfigFile().IsMatch(path)).ToList();
        Assert.True(unexpected.Count == 0, "beside the bootstrap, only config/*.json may ship; found: " + string.Join(", ", unexpected));
        Assert.Contains("config/policy.json", shipped);
        var managed = shipped.Where(path => IsManagedAssembly(Path.Combine(folder, path))).ToList();
        Assert.True(managed.Count == 0, "managed assemblies shipped: " + string.Join(", ", managed));
    }

    [Fact]
    public async Task Bootstrap_ShouldNeedNoGlibcNewerThanAmazonLinux2023s()
    {
        var bootstrap = BootstrapBinary.Resolve(RepositoryRoot.Path);

        var symbols = await ExternalCommand.RunAsync("objdump", ["-T", bootstrap]);

        Assert.True(symbols.ExitCode == 0, symbols.StandardError);
        var versions = GlibcVersion().Matches(symbols.StandardOutput)
            .Select(match => Version.Parse(match.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(versions);
        var newest = versions.Max()!;
        Assert.True(newest <= AmazonLinux2023Glibc, $"bootstrap needs GLIBC_{newest}; provided.al2023 has {AmazonLinux2023Glibc}");
    }

    [Fact]
    public void Src_ShouldSuppressNoTrimOrAotAnalysisWarning()
    {
        var files = Directory.EnumerateFiles(RepositoryRoot.Combine("src"), "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetExtension(path) is ".cs" or ".csproj" or ".props" or ".targets" or ".pubxml" or ".editorconfig")
            .Concat([RepositoryRoot.Combine("Directory.Build.props"), RepositoryRoot.Combine(".editorconfig")])
            .Where(File.Exists);

        var suppressions = files
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(item => Suppression().IsMatch(item.line))
            .Select(item => $"{Path.GetRelativePath(RepositoryRoot.Path, item.path)}:{item.index + 1}: {item.line.Trim()}")
            .ToList();

        Assert.True(suppressions.Count == 0, "trim/AOT warnings suppressed:\n" + string.Join("\n", suppressions));
    }

    [Fact]
    public async Task BootstrapBuild_ShouldAnalyseForTrimAndAotAndFailOnAnyWarning()
    {
        foreach (var project in BootstrapProjects)
        {
            var evaluated = await ExternalCommand.RunAsync("dotnet",
            [
                "msbuild", RepositoryRoot.Combine(project), "-nologo", "-p:Configuration=Release", "-p:RuntimeIdentifier=linux-x64",
                "-getProperty:IsAotCompatible", "-getProperty:EnableTrimAnalyzer", "-getProperty:EnableAotAnalyzer",
                "-getProperty:TreatWarningsAsErrors", "-getProperty:SuppressTrimAnalysisWarnings",
                "-getProperty:PublishAot", "-getProperty:IlcTreatWarningsAsErrors", "-getProperty:TrimmerSingleWarn",
            ], timeout: TimeSpan.FromMinutes(3));
            Assert.True(evaluated.ExitCode == 0, $"{project}: {evaluated.StandardOutput}{evaluated.StandardError}");
            using var json = JsonDocument.Parse(evaluated.StandardOutput);
            var properties = json.RootElement.GetProperty("Properties");
            string Property(string name) => properties.GetProperty(name).GetString() ?? string.Empty;

            Assert.True(Property("IsAotCompatible") == "true", $"{project}: IsAotCompatible");
            Assert.True(Property("EnableTrimAnalyzer") == "true", $"{project}: EnableTrimAnalyzer");
            Assert.True(Property("EnableAotAnalyzer") == "true", $"{project}: EnableAotAnalyzer");
            Assert.True(Property("TreatWarningsAsErrors") == "true", $"{project}: TreatWarningsAsErrors");
            Assert.True(Property("SuppressTrimAnalysisWarnings") != "true", $"{project}: SuppressTrimAnalysisWarnings");
            if (project.Contains("Functions", StringComparison.Ordinal))
            {
                Assert.Equal("true", Property("PublishAot"));
                Assert.Equal("true", Property("IlcTreatWarningsAsErrors"));
                Assert.Equal("false", Property("TrimmerSingleWarn"));
            }
        }
    }

    private static bool IsManagedAssembly(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return file.Length >= 2 && file.Read(magic) == 2 && magic.SequenceEqual("MZ"u8);
    }

    [GeneratedRegex(@"^config/[^/]+\.json$")]
    private static partial Regex ConfigFile();

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();

    // A warning id (pragma, NoWarn, SuppressMessage, editorconfig severity), a suppression attribute, or a switch
    // that turns the analysis or its failure off.
    [GeneratedRegex(@"\bIL[23]\d{3}\b|UnconditionalSuppressMessage|SuppressTrimAnalysisWarnings|(EnableTrimAnalyzer|EnableAotAnalyzer|IsAotCompatible|IsTrimmable|IlcTreatWarningsAsErrors|TreatWarningsAsErrors)>\s*false|TrimmerSingleWarn>\s*true")]
    private static partial Regex Suppression();
}
