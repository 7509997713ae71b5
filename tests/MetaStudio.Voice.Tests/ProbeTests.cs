using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit;
public class ProbeTests
{
    [Fact]
    public void ImportsBuiltManifest()
    {
        var manifest = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../out/MetaStudio.Voice/MetaStudio.Voice.psd1"));
        var t = typeof(MetaStudio.Voice.Commands.GetMetaStudioSessionCommand);
        using var ps = PowerShell.Create(InitialSessionState.CreateDefault2());
        ps.AddScript($"Import-Module '{manifest}' -ErrorAction Stop; Get-MetaStudioSession; (Get-Module MetaStudio.Voice).Path");
        var r = ps.Invoke();
        foreach (var e in ps.Streams.Error) Console.WriteLine(e);
        Assert.False(ps.HadErrors);
        Console.WriteLine(string.Join("\n", r));
        Assert.Equal(2, r.Count);
    }
}
