using System.IO.Compression;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>
/// <c>./build.ps1 -Task Package</c> on the real engine: the Gallery .nupkg holds exactly the module as
/// PowerShellGet lays it out, with the Gallery metadata, and the emulator's .NET tool package sits beside it.
/// Runs once per class with -NoBuild on what <c>dotnet test</c> just built (same configuration), into a temp folder.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageTests.PackageFixture>
{
    private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd";
    private readonly PackageFixture _fx;

    public PackageTests(PackageFixture fx) => _fx = fx;

    public sealed class PackageFixture : IDisposable
    {
        public PackageFixture()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("msv-package-").FullName;
            Version = Regex.Match(File.ReadAllText(Path.Combine(Repo.Root, "MetaStudio.Voice.psd1")), @"ModuleVersion\s*=\s*'([0-9.]+)'").Groups[1].Value;
            // The configuration these tests were built with: bin/<Configuration>/net10.0/.
            Configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/") ? "Release" : "Debug";

            using var ps = new PsHarness(importModule: false);
            ps.Runspace.SessionStateProxy.Path.SetLocation(Repo.Root);
            ps.Set("out", Directory);
            ps.Set("cfg", Configuration);
            Result = ps.Run("& ./build.ps1 -Task Package -Configuration $cfg -NoBuild -OutputDirectory $out");
            HostText = ps.Host.Text;
            Extracted = Path.Combine(Directory, "extracted", "MetaStudio.Voice");
            if (File.Exists(ModulePackage)) ZipFile.ExtractToDirectory(ModulePackage, Extracted);
        }

        public string Directory { get; }
        public string Version { get; }
        public string Configuration { get; }
        public PsResult Result { get; }
        public string HostText { get; }
        public string Extracted { get; }
        public string ModulePackage => Path.Combine(Directory, $"MetaStudio.Voice.{Version}.nupkg");
        public string ToolPackage => Path.Combine(Directory, $"MetaStudio.Voice.Emulator.{Version}.nupkg");

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
        }
    }

    private void AssertPackaged()
    {
        Assert.False(_fx.Result.HadErrors, "build.ps1 -Task Package failed:\n" + string.Join("\n", _fx.Result.Errors.Select(e => e.ToString())) + "\n" + _fx.HostText);
        Assert.True(File.Exists(_fx.ModulePackage), $"no {_fx.ModulePackage}; host said:\n{_fx.HostText}");
    }

    private XElement Metadata()
    {
        AssertPackaged();
        using var zip = ZipFile.OpenRead(_fx.ModulePackage);
        using var s = zip.GetEntry("MetaStudio.Voice.nuspec")!.Open();
        return XDocument.Load(s).Root!.Element(Nuspec + "metadata")!;
    }

    [Fact]
    public void The_version_comes_from_the_manifest()
    {
        AssertPackaged();
        Assert.Matches(@"^\d+\.\d+\.\d+", _fx.Version);
        Assert.Equal(_fx.Version, (string?)Metadata().Element(Nuspec + "version"));
        Assert.Equal("MetaStudio.Voice", (string?)Metadata().Element(Nuspec + "id"));
        Assert.Contains(_fx.ModulePackage, _fx.HostText);
    }

    [Fact]
    public void The_package_holds_the_module_as_PowerShellGet_lays_it_out_and_nothing_else()
    {
        AssertPackaged();
        using var zip = ZipFile.OpenRead(_fx.ModulePackage);
        var entries = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();

        // Expected: the packaging parts, then the module folder's own files (what dotnet build laid out).
        var expected = new List<string> { "[Content_Types].xml", "_rels/.rels", "MetaStudio.Voice.nuspec",
            "MetaStudio.Voice.psd1", "MetaStudio.Voice.dll", "MetaStudio.Voice.format.ps1xml", "LICENSE" };
        // Other module files a later change may add at the root (types, script module parts).
        expected.AddRange(Directory.GetFiles(Repo.ModuleDirectory).Select(Path.GetFileName)
            .Where(n => (n!.EndsWith(".ps1xml") || n.EndsWith(".psm1")) && !expected.Contains(n))!);
        var deps = Directory.GetFiles(Path.Combine(Repo.ModuleDirectory, "Dependencies"), "*.dll").Select(f => "Dependencies/" + Path.GetFileName(f)).ToList();
        Assert.NotEmpty(deps);
        Assert.Contains("Dependencies/System.Text.Json.dll", deps);
        expected.AddRange(deps);
        var help = Path.Combine(Repo.ModuleDirectory, "en-US");
        if (Directory.Exists(help))
            expected.AddRange(Directory.GetFiles(help, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Repo.ModuleDirectory, f).Replace('\\', '/')));
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), entries);

        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || e.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
            || e.StartsWith("bin/") || e.StartsWith("obj/") || e.Contains("Tests", StringComparison.OrdinalIgnoreCase)
            || e.Contains('\\') || e.EndsWith("/"));

        // The module files are the built ones, byte for byte.
        foreach (var name in entries.Where(e => e != "[Content_Types].xml" && e != "_rels/.rels" && e != "MetaStudio.Voice.nuspec"))
        {
            using var s = zip.GetEntry(name)!.Open();
            Assert.True(TestData.Md5(s) == TestData.Md5(Path.Combine(Repo.ModuleDirectory, name)), $"{name} differs from the module folder");
        }
    }

    [Fact]
    public void The_package_has_NuGet_content_types_and_a_manifest_relationship()
    {
        AssertPackaged();
        using var zip = ZipFile.OpenRead(_fx.ModulePackage);
        XNamespace ct = "http://schemas.openxmlformats.org/package/2006/content-types";
        XNamespace rel = "http://schemas.openxmlformats.org/package/2006/relationships";
        XDocument Load(string name) { using var s = zip.GetEntry(name)!.Open(); return XDocument.Load(s); }

        var types = Load("[Content_Types].xml").Root!;
        var defaults = types.Elements(ct + "Default").Select(e => (string)e.Attribute("Extension")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var overrides = types.Elements(ct + "Override").Select(e => (string)e.Attribute("PartName")!).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("rels", defaults);
        foreach (var entry in zip.Entries.Where(e => e.FullName != "[Content_Types].xml"))
        {
            var extension = Path.GetExtension(entry.Name).TrimStart('.');
            Assert.True(extension.Length > 0 ? defaults.Contains(extension) : overrides.Contains("/" + entry.FullName), $"no content type for {entry.FullName}");
        }

        var relationship = Assert.Single(Load("_rels/.rels").Root!.Elements(rel + "Relationship"));
        Assert.Equal("http://schemas.microsoft.com/packaging/2010/07/manifest", (string?)relationship.Attribute("Type"));
        Assert.Equal("/MetaStudio.Voice.nuspec", (string?)relationship.Attribute("Target"));
    }

    [Fact]
    public void The_nuspec_carries_the_Gallery_metadata_of_the_manifest()
    {
        var metadata = Metadata();
        var tags = ((string?)metadata.Element(Nuspec + "tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var tag in new[] { "PSModule", "PSEdition_Core", "PSEdition_Desktop", "Windows", "Linux", "MacOS", "MetaStudio", "PSIncludes_Cmdlet", "PSCmdlet_New-VoiceTrainingJob", "PSCommand_Send-VoiceTrainingData" })
            Assert.Contains(tag, tags);

        using var ps = new PsHarness(importModule: false);
        ps.Set("psd1", Path.Combine(_fx.Extracted, "MetaStudio.Voice.psd1"));
        var manifest = (System.Collections.Hashtable)ps.Run("Test-ModuleManifest -Path $psd1 -ErrorAction Stop | Out-Null; & ([scriptblock]::Create([IO.File]::ReadAllText($psd1)))")
            .ThrowOnError().Output.Single().BaseObject;
        var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)manifest["PrivateData"]!)["PSData"]!;

        Assert.Equal((string)manifest["Author"]!, (string?)metadata.Element(Nuspec + "authors"));
        Assert.Equal((string)manifest["Description"]!, (string?)metadata.Element(Nuspec + "description"));
        Assert.Equal((string)psData["ProjectUri"]!, (string?)metadata.Element(Nuspec + "projectUrl"));
        Assert.Equal((string)psData["LicenseUri"]!, (string?)metadata.Element(Nuspec + "licenseUrl"));
        Assert.Equal((string)psData["ReleaseNotes"]!, (string?)metadata.Element(Nuspec + "releaseNotes"));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(Nuspec + "releaseNotes")));
        Assert.StartsWith("https://", (string?)metadata.Element(Nuspec + "projectUrl"));
        Assert.Equal("false", (string?)metadata.Element(Nuspec + "requireLicenseAcceptance"));
    }

    [Fact]
    public void Test_ModuleManifest_passes_on_the_extracted_package_and_it_imports()
    {
        AssertPackaged();
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(_fx.Extracted, "LICENSE")));
        Assert.Contains("MetaStudio.Voice contributors", File.ReadAllText(Path.Combine(_fx.Extracted, "LICENSE")));

        using var ps = new PsHarness(importModule: false);
        ps.Set("psd1", Path.Combine(_fx.Extracted, "MetaStudio.Voice.psd1"));
        var info = (PSModuleInfo)ps.Run("Test-ModuleManifest -Path $psd1").ThrowOnError().Output.Single().BaseObject;

        Assert.Equal(new Version(_fx.Version), info.Version);
        foreach (var tag in new[] { "PSEdition_Core", "PSEdition_Desktop", "Windows", "Linux", "MacOS" }) Assert.Contains(tag, info.Tags);
        Assert.NotNull(info.ProjectUri);
        Assert.NotNull(info.LicenseUri);
        Assert.False(string.IsNullOrWhiteSpace(info.ReleaseNotes));
        Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e));

        // The package is a working module: importing it from the extracted folder exports every cmdlet.
        var names = ps.Run("Import-Module $psd1 -PassThru -ErrorAction Stop | ForEach-Object { $_.ExportedCmdlets.Keys }").ThrowOnError()
            .Output.Select(o => o.ToString()).OrderBy(n => n).ToList();
        Assert.Equal(info.ExportedCmdlets.Keys.OrderBy(n => n), names);
        Assert.Contains("Wait-VoiceTrainingJob", names);
    }

    [Fact]
    public void The_emulator_is_packed_as_a_dotnet_tool_of_the_same_version()
    {
        AssertPackaged();
        Assert.True(File.Exists(_fx.ToolPackage), $"no {_fx.ToolPackage}; host said:\n{_fx.HostText}");
        using var zip = ZipFile.OpenRead(_fx.ToolPackage);
        var settingsEntry = Assert.Single(zip.Entries, e => e.FullName.EndsWith("/DotnetToolSettings.xml"));
        Assert.StartsWith("tools/net10.0/any/", settingsEntry.FullName);
        using (var s = settingsEntry.Open())
        {
            var command = XDocument.Load(s).Descendants("Command").Single();
            Assert.Equal("metastudio-emulator", (string?)command.Attribute("Name"));
            Assert.Equal("MetaStudio.Voice.Emulator.dll", (string?)command.Attribute("EntryPoint"));
        }
        Assert.Contains(zip.Entries, e => e.FullName == "tools/net10.0/any/MetaStudio.Voice.Emulator.dll");

        var nuspecEntry = Assert.Single(zip.Entries, e => e.FullName.EndsWith(".nuspec"));
        using var n = nuspecEntry.Open();
        var metadata = XDocument.Load(n).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => (string?)metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);
        Assert.Equal("MetaStudio.Voice.Emulator", Value("id"));
        Assert.Equal(_fx.Version, Value("version"));
        Assert.Contains(metadata.Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
    }

    [Fact]
    public async Task The_emulator_tool_installs_with_dotnet_tool_and_serves_the_API()
    {
        AssertPackaged();
        var tools = Path.Combine(_fx.Directory, "tools");
        // A private package cache: the version does not change between builds, so a shared cache could hold an older package.
        var install = Run("dotnet", $"tool install --tool-path \"{tools}\" --add-source \"{_fx.Directory}\" --ignore-failed-sources MetaStudio.Voice.Emulator --version {_fx.Version}",
            ("NUGET_PACKAGES", Path.Combine(_fx.Directory, "nuget-cache")));
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);

        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "metastudio-emulator.exe" : "metastudio-emulator");
        Assert.True(File.Exists(command), "no " + command);
        var urlFile = Path.Combine(_fx.Directory, "tool.url");
        // stdout is not redirected (nobody would read it); stderr is, for the failure message.
        var start = new System.Diagnostics.ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", "0", "--url-file", urlFile, "--discard-uploads" }) start.ArgumentList.Add(arg);
        using var emulator = System.Diagnostics.Process.Start(start)!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!File.Exists(urlFile))
            {
                // (stderr is read only once the process has exited: before that, reading to the end would wait forever)
                if (emulator.HasExited) Assert.Fail($"metastudio-emulator exited with {emulator.ExitCode}: {await emulator.StandardError.ReadToEndAsync()}");
                Assert.True(DateTime.UtcNow < deadline, "metastudio-emulator did not start within 20 s");
                await Task.Delay(100);
            }
            using var http = new HttpClient { BaseAddress = new Uri(File.ReadAllText(urlFile).Trim()) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/0123456789abcdef0123456789abcdef/voice-training-manage/user/jobs");
            request.Headers.Add("X-Auth-Token", "emulator-token");
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Contains("\"jobs\"", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            if (!emulator.HasExited) emulator.Kill();
            emulator.WaitForExit(10_000);
        }
    }

    private static (int ExitCode, string Output) Run(string file, string arguments, params (string Name, string Value)[] environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(); return (-1, "timed out"); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
