using System;
using System.Management.Automation;
using MetaStudio.Voice.Lifecycle;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the tenant's audio duration limits per edition (ShowTenantDurationCfg).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VoiceTrainingDurationLimit")]
    [OutputType(typeof(VoiceTrainingDurationLimit))]
    public sealed class GetVoiceTrainingDurationLimitCommand : MetaStudioApiCmdlet
    {
        protected override void ProcessRecord()
        {
            try
            {
                var session = ResolveSession();
                var response = Await(ct => ApiFor(session).ShowTenantDurationCfgAsync(Log, ct));
                foreach (var limit in Quotas.Durations(response)) WriteObject(limit);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, null);
            }
        }
    }
}
