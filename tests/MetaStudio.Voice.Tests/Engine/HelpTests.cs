using System.Management.Automation;
using System.Text.RegularExpressions;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>
/// The shipped help, read through Get-Help on the engine with the built module imported by path: every
/// exported cmdlet has real MAML help (synopsis, description, two or more examples, every parameter
/// described and matching the cmdlet's metadata), and about_MetaStudio.Voice is found.
/// </summary>
public sealed class HelpTests
{
    /// <summary>The cmdlets the manifest exports (read from its text, so the list follows the manifest).</summary>
    public static TheoryData<string> ExportedCmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var name in ManifestCmdlets()) data.Add(name);
        return data;
    }

    private static List<string> ManifestCmdlets()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "MetaStudio.Voice.psd1"));
        var list = Regex.Match(text, @"CmdletsToExport\s*=\s*@\(([^)]*)\)", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(list, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public void The_module_folder_ships_the_help_files()
    {
        var culture = Path.Combine(Repo.ModuleDirectory, "en-US");
        Assert.True(File.Exists(Path.Combine(culture, "MetaStudio.Voice.dll-Help.xml")), "en-US/MetaStudio.Voice.dll-Help.xml is missing from the module folder");
        Assert.True(File.Exists(Path.Combine(culture, "about_MetaStudio.Voice.help.txt")), "en-US/about_MetaStudio.Voice.help.txt is missing from the module folder");
    }

    [Fact]
    public void Every_exported_cmdlet_has_a_test_case()
    {
        using var ps = new PsHarness();
        var exported = ps.Run("(Get-Module MetaStudio.Voice).ExportedCmdlets.Keys").ThrowOnError().Output.Select(o => (string)o.BaseObject).OrderBy(n => n);
        Assert.Equal(ManifestCmdlets().OrderBy(n => n), exported);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Get_Help_Full_documents_the_cmdlet(string name)
    {
        using var ps = new PsHarness();
        ps.Set("name", name);
        var help = ps.Run("Get-Help $name -Full").ThrowOnError();
        var info = Assert.Single(help.Output);

        // Synopsis: written, not the engine's stub (which repeats the syntax when there is no help file).
        var synopsis = Text(info.Properties["Synopsis"]?.Value).Trim();
        Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{name}: no synopsis");
        Assert.DoesNotContain("[<CommonParameters>]", synopsis);
        Assert.False(synopsis.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase), $"{name}: the synopsis is the auto-generated syntax stub: {synopsis}");

        var description = Paragraphs(info.Properties["description"]?.Value);
        Assert.True(description.Length > 40, $"{name}: no description");

        var examples = ps.Run("@((Get-Help $name -Full).examples.example)").ThrowOnError().Output;
        Assert.True(examples.Count >= 2, $"{name}: {examples.Count} example(s); at least two expected");
        foreach (var example in examples)
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(example.Properties["code"]?.Value)), $"{name}: an example without code");
            Assert.False(string.IsNullOrWhiteSpace(Text(example.Properties["title"]?.Value)), $"{name}: an example without a title");
        }

        // Every parameter but the common ones: documented, with a description, and agreeing with the metadata.
        var parameters = ps.Run(@"
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters
            $documented = @{}
            foreach ($p in @((Get-Help $name -Full).parameters.parameter)) { if ($p) { $documented[$p.name] = $p } }
            $command = Get-Command $name
            foreach ($key in $command.Parameters.Keys) {
                if ($common -contains $key) { continue }
                $meta = $command.Parameters[$key]
                $sets = @($meta.ParameterSets.Values)
                $doc = $documented[$key]
                [pscustomobject]@{
                    Name = $key
                    Documented = $null -ne $doc
                    Description = if ($doc) { (@($doc.description) | ForEach-Object Text) -join ' ' } else { '' }
                    DocRequired = if ($doc) { [string]$doc.required } else { '' }
                    DocPosition = if ($doc) { [string]$doc.position } else { '' }
                    DocPipeline = if ($doc) { [string]$doc.pipelineInput } else { '' }
                    DocAliases = if ($doc) { [string]$doc.aliases } else { '' }
                    Required = @($sets | ForEach-Object IsMandatory)
                    Position = @($sets | ForEach-Object { if ($_.Position -lt 0) { 'named' } else { [string]$_.Position } })
                    ByValue = [bool](@($sets | Where-Object ValueFromPipeline).Count)
                    ByName = [bool](@($sets | Where-Object ValueFromPipelineByPropertyName).Count)
                    Aliases = @($meta.Aliases)
                }
            }").ThrowOnError().Output;
        var problems = new List<string>();
        foreach (var p in parameters)
        {
            var pn = (string)p.Properties["Name"].Value;
            if (!(bool)p.Properties["Documented"].Value) { problems.Add($"-{pn} is not documented"); continue; }
            if (string.IsNullOrWhiteSpace((string)p.Properties["Description"].Value)) problems.Add($"-{pn} has no description");

            var required = ((object[])p.Properties["Required"].Value).Select(o => (bool)(o is PSObject b ? b.BaseObject : o)).Distinct().ToArray();
            if (required.Length == 1 && !string.Equals(p.Properties["DocRequired"].Value as string, required[0].ToString(), StringComparison.OrdinalIgnoreCase))
                problems.Add($"-{pn}: help says required={p.Properties["DocRequired"].Value}, the cmdlet says {required[0]}");
            var position = ((object[])p.Properties["Position"].Value).Select(o => o.ToString()!).Distinct().ToArray();
            if (position.Length == 1 && !string.Equals(p.Properties["DocPosition"].Value as string, position[0], StringComparison.OrdinalIgnoreCase))
                problems.Add($"-{pn}: help says position {p.Properties["DocPosition"].Value}, the cmdlet says {position[0]}");

            var pipeline = (string)p.Properties["DocPipeline"].Value;
            var byValue = (bool)p.Properties["ByValue"].Value;
            var byName = (bool)p.Properties["ByName"].Value;
            if (pipeline.Contains("ByValue") != byValue || pipeline.Contains("ByPropertyName") != byName
                || pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase) != (byValue || byName))
                problems.Add($"-{pn}: help says pipeline input '{pipeline}', the cmdlet says ByValue={byValue}, ByPropertyName={byName}");

            var aliases = ((object[])p.Properties["Aliases"].Value).Select(o => o.ToString()!).OrderBy(a => a, StringComparer.OrdinalIgnoreCase);
            var docAliases = ((string)p.Properties["DocAliases"].Value).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(a => a != "none").OrderBy(a => a, StringComparer.OrdinalIgnoreCase);
            if (!aliases.SequenceEqual(docAliases, StringComparer.OrdinalIgnoreCase))
                problems.Add($"-{pn}: help says aliases '{string.Join(", ", docAliases)}', the cmdlet says '{string.Join(", ", aliases)}'");
        }
        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));

        // The NOTES section carries the error ids, and the outputs are named.
        var notes = ps.Run("(Get-Help $name -Full).alertSet.alert | ForEach-Object Text").ThrowOnError().Output.Select(o => o.ToString());
        Assert.NotEmpty(notes);
        var outputs = ps.Run("@((Get-Help $name -Full).returnValues.returnValue) | ForEach-Object { $_.type.name }").ThrowOnError().Output;
        Assert.NotEmpty(outputs);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Get_Help_Examples_renders_the_examples(string name)
    {
        using var ps = new PsHarness();
        ps.Set("name", name);
        ps.Run("Get-Help $name -Examples | Out-Default").ThrowOnError();
        var text = ps.Host.Text;
        Assert.Contains("Example 1", text);
        Assert.Contains("Example 2", text);
    }

    [Fact]
    public void Get_Help_finds_the_about_topic()
    {
        using var ps = new PsHarness();
        var topic = Assert.Single(ps.Run("Get-Help about_MetaStudio.Voice").ThrowOnError().Output);
        Assert.Equal("about_MetaStudio.Voice", topic.Properties["Name"]?.Value?.ToString());
        Assert.False(string.IsNullOrWhiteSpace(topic.Properties["Synopsis"]?.Value?.ToString()), "the about topic has no SHORT DESCRIPTION");
        var text = topic.BaseObject.ToString()!;
        // What an admin comes for: credential order, the session variable, the emulator, data rules, retries, error ids.
        foreach (var needle in new[] { "HUAWEICLOUD_SDK_AK", "$MetaStudioSession", "-Session", "--step-delay", "audit-fail", "train-fail", "split-fail", "SampleRateTooLow", "MaxRetry", "NoSession" })
            Assert.Contains(needle, text);
    }

    [Fact]
    public void The_about_topic_is_listed_by_Get_Help_wildcards()
    {
        using var ps = new PsHarness();
        var names = ps.Run("Get-Help about_MetaStudio* | ForEach-Object Name").ThrowOnError().Output.Select(o => o.ToString());
        Assert.Contains("about_MetaStudio.Voice", names);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        PSObject pso when pso.BaseObject is string s => s,
        PSObject pso => Paragraphs(pso),
        string s => s,
        _ => value.ToString() ?? "",
    };

    /// <summary>MAML text comes as arrays of objects with a Text property.</summary>
    private static string Paragraphs(object? value)
    {
        if (value is null) return "";
        if (value is PSObject pso && pso.BaseObject is not PSCustomObject && pso.BaseObject is not object[]) value = pso.BaseObject;
        var items = value is object[] array ? array : value is System.Collections.IEnumerable e && value is not string ? e.Cast<object>().ToArray() : new[] { value };
        return string.Join("\n", items.Select(i =>
        {
            var p = i as PSObject ?? PSObject.AsPSObject(i);
            return p.Properties["Text"]?.Value?.ToString() ?? p.ToString();
        }));
    }
}
