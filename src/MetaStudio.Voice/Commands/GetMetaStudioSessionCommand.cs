using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the current MetaStudio session (never its secrets).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MetaStudioSession")]
    [OutputType(typeof(MetaStudioSession))]
    public sealed class GetMetaStudioSessionCommand : MetaStudioCmdlet
    {
        protected override void ProcessRecord()
        {
            var value = SessionState.PSVariable.GetValue(MetaStudioSession.VariableName);
            if ((value is PSObject pso ? pso.BaseObject : value) is MetaStudioSession session && session.IsConnected)
            {
                WriteObject(session);
                return;
            }
            WriteFailure(new MetaStudioException("NoSession", MetaStudioErrorKind.InvalidOperation,
                "Not connected to MetaStudio. Run Connect-MetaStudio first."), null);
        }
    }
}
