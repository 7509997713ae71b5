using System.Management.Automation;
using System.Reflection;
using MetaStudio.Voice.Commands;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>The manifest and the cmdlets' shape, checked through the engine.</summary>
public sealed class ManifestTests
{
    private static readonly Type[] CmdletTypes = typeof(MetaStudioCmdlet).Assembly.GetTypes()
        .Where(t => t.IsPublic && !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t)).ToArray();

    [Fact]
    public void Test_ModuleManifest_passes_on_the_built_module()
    {
        using var ps = new PsHarness(importModule: false);
        var info = ps.Run($"Test-ModuleManifest '{Repo.Manifest}'").ThrowOnError().Single<PSModuleInfo>();
        Assert.Equal("MetaStudio.Voice", info.Name);
        Assert.Contains("Core", info.CompatiblePSEditions);
        Assert.Contains("Desktop", info.CompatiblePSEditions);
        Assert.Equal(new Version(5, 1), info.PowerShellVersion);
        var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)info.PrivateData)["PSData"]!;
        var tags = ((object[])psData["Tags"]!).Cast<string>().ToList();
        foreach (var tag in new[] { "PSEdition_Core", "PSEdition_Desktop", "Windows", "Linux", "MacOS" }) Assert.Contains(tag, tags);
        Assert.NotNull(psData["ProjectUri"]);
        Assert.NotNull(psData["LicenseUri"]);
        Assert.NotNull(psData["ReleaseNotes"]);
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_assembly_has()
    {
        using var ps = new PsHarness();
        var exported = ps.Run("Get-Command -Module MetaStudio.Voice | ForEach-Object Name").ThrowOnError().Output.Select(o => (string)o.BaseObject).OrderBy(n => n);
        var declared = CmdletTypes.Select(t => t.GetCustomAttribute<CmdletAttribute>()!).Select(a => a.VerbName + "-" + a.NounName).OrderBy(n => n);
        Assert.Equal(declared, exported);
    }

    [Fact]
    public void The_module_version_is_single_sourced_from_the_manifest()
    {
        using var ps = new PsHarness();
        var version = (Version)ps.Run("(Get-Module MetaStudio.Voice).Version").ThrowOnError().Output[0].BaseObject;
        var assemblyVersion = typeof(MetaStudioCmdlet).Assembly.GetName().Version!;
        Assert.Equal(version, new Version(assemblyVersion.Major, assemblyVersion.Minor, assemblyVersion.Build));
    }

    [Fact]
    public void Cmdlets_are_sealed_use_approved_verbs_and_declare_their_output()
    {
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.NotEmpty(CmdletTypes);
        foreach (var type in CmdletTypes)
        {
            var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
            Assert.True(type.IsSealed, type.Name + " is not sealed");
            Assert.Contains(attribute.VerbName, approved);
            Assert.Equal(attribute.VerbName + attribute.NounName + "Command", type.Name);
            Assert.NotNull(type.GetCustomAttribute<OutputTypeAttribute>());
        }
    }

    [Fact]
    public void Commands_that_change_state_support_WhatIf()
    {
        using var ps = new PsHarness();
        foreach (var name in new[] { "New-VoiceTrainingJob", "Send-VoiceTrainingData", "Submit-VoiceTrainingJob" })
        {
            var parameters = ps.Run($"(Get-Command {name}).Parameters.Keys").ThrowOnError().Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Contains("WhatIf", parameters);
            Assert.Contains("Confirm", parameters);
        }
    }

    [Fact]
    public void Import_does_no_work_beyond_loading()
    {
        // Nothing at import: no session variable, no network (no endpoint is known yet), a fresh runspace imports cleanly twice.
        using var ps = new PsHarness();
        Assert.Null(ps.Get("MetaStudioSession"));
        ps.Run($"Import-Module '{Repo.Manifest}' -Force").ThrowOnError();
    }
}
