using System.Management.Automation;
namespace MetaStudio.Voice.Commands
{
    [Cmdlet(VerbsCommon.Get, "MetaStudioSession")]
    public sealed class GetMetaStudioSessionCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject(typeof(GetMetaStudioSessionCommand).Assembly.Location);
    }
}
