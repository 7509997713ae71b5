using System.Management.Automation;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Closes a MetaStudio session and removes $MetaStudioSession.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "MetaStudio")]
    [OutputType(typeof(void))]
    public sealed class DisconnectMetaStudioCommand : MetaStudioCmdlet
    {
        /// <summary>The session to close; by default the one in $MetaStudioSession.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public MetaStudioSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var stored = StoredSession();
            var target = Session ?? stored;
            if (target == null)
            {
                WriteVerbose("There is no MetaStudio session to close.");
                return;
            }
            target.Dispose();
            if (ReferenceEquals(target, stored))
            {
                foreach (var scope in new[] { "local:", "script:", "global:" })
                {
                    var variable = SessionState.PSVariable.Get(scope + MetaStudioSession.VariableName);
                    var value = variable?.Value is PSObject pso ? pso.BaseObject : variable?.Value;
                    if (ReferenceEquals(value, target)) SessionState.PSVariable.Remove(scope + MetaStudioSession.VariableName);
                }
            }
            WriteVerbose($"Closed the MetaStudio session for project {target.ProjectId}.");
        }

        private MetaStudioSession? StoredSession()
        {
            var value = SessionState.PSVariable.GetValue(MetaStudioSession.VariableName);
            return (value is PSObject pso ? pso.BaseObject : value) as MetaStudioSession;
        }
    }
}
