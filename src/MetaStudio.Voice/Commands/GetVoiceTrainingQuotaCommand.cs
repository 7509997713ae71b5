using System;
using System.Management.Automation;
using MetaStudio.Voice.Lifecycle;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets how many voice trainings of each edition the tenant can still start (ShowVoiceTrainingQuotas).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VoiceTrainingQuota")]
    [OutputType(typeof(VoiceTrainingQuota))]
    public sealed class GetVoiceTrainingQuotaCommand : MetaStudioApiCmdlet
    {
        protected override void ProcessRecord()
        {
            try
            {
                var session = ResolveSession();
                var response = Await(ct => ApiFor(session).ShowVoiceTrainingQuotasAsync(Log, ct));
                foreach (var quota in Quotas.From(response)) WriteObject(quota);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, null);
            }
        }
    }
}
