using System.Management.Automation.Language;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>
/// The Pester scenarios (tests/pester) and the example scripts (examples/) run only where pwsh and Pester
/// are installed; here they are at least parsed by the engine's own parser, so they cannot rot syntactically.
/// </summary>
public sealed class PesterSyntaxTests
{
    private static List<string> ScriptPaths()
    {
        var paths = new List<string>();
        foreach (var folder in new[] { Path.Combine("tests", "pester"), "examples" })
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, folder), "*.ps1").OrderBy(f => f, StringComparer.Ordinal))
                paths.Add(Path.GetRelativePath(Repo.Root, file).Replace('\\', '/'));
        return paths;
    }

    public static TheoryData<string> Scripts() => new(ScriptPaths());

    public static TheoryData<string> Examples() => new(ScriptPaths().Where(s => s.StartsWith("examples/")));

    [Fact]
    public void There_are_Pester_scenarios_and_examples_to_check()
    {
        var scripts = ScriptPaths();
        Assert.Contains(scripts, s => s.StartsWith("tests/pester/") && s.EndsWith(".Tests.ps1"));
        foreach (var example in new[] { "Invoke-VoiceTrainingBatch.ps1", "Watch-VoiceTraining.ps1", "Remove-FailedVoiceTraining.ps1" })
            Assert.Contains("examples/" + example, scripts);
        Assert.True(File.Exists(Path.Combine(Repo.Root, "examples", "voices.sample.csv")));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void The_script_parses(string relativePath)
    {
        var ast = Parser.ParseFile(Path.Combine(Repo.Root, relativePath), out _, out var errors);
        Assert.True(errors.Length == 0, relativePath + " does not parse:\n" + string.Join("\n", errors.Select(e =>
            $"  line {e.Extent.StartLineNumber}, column {e.Extent.StartColumnNumber}: {e.Message} ({e.ErrorId})")));
        Assert.NotNull(ast);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Examples_are_documented_scripts_with_parameters(string relativePath)
    {
        var ast = Parser.ParseFile(Path.Combine(Repo.Root, relativePath), out _, out _);
        var help = ast.GetHelpContent();
        Assert.True(help != null && !string.IsNullOrWhiteSpace(help.Synopsis), relativePath + " has no comment-based help .SYNOPSIS");
        Assert.False(string.IsNullOrWhiteSpace(help!.Description), relativePath + " has no .DESCRIPTION");
        Assert.NotEmpty(help.Examples);
        Assert.NotNull(ast.ParamBlock);
        foreach (var parameter in ast.ParamBlock!.Parameters)
        {
            var name = parameter.Name.VariablePath.UserPath;
            Assert.True(help.Parameters.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)), $"{relativePath}: -{name} has no .PARAMETER help");
        }
        Assert.Contains(ast.ParamBlock.Attributes, a => a.TypeName.Name == "CmdletBinding");
    }
}
