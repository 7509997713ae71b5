using System;
using System.Management.Automation;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets voice training jobs by id (ShowVoiceTrainingJob).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VoiceTrainingJob")]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class GetVoiceTrainingJobCommand : MetaStudioApiCmdlet
    {
        /// <summary>One or more job ids; also from the pipeline (strings or objects with a JobId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        /// <summary>X-App-UserId for the request (ASCII); defaults to the session's.</summary>
        [Parameter]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in JobId!)
            {
                try
                {
                    ValidateAppUserId(AppUserId);
                    var session = ResolveSession();
                    var appUserId = AppUserIdFor(AppUserId, session);
                    var info = Await(ct => session.Api.ShowVoiceTrainingJobAsync(id, appUserId, Log, ct));
                    WriteObject(VoiceTrainingJob.FromInfo(info, session));
                }
                catch (Exception ex)
                {
                    WriteFailure(ex, id);
                }
            }
        }
    }
}
