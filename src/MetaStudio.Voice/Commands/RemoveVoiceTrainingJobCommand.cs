using System;
using System.Management.Automation;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Deletes voice training jobs (DeleteVoiceTrainingJob).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VoiceTrainingJob", DefaultParameterSetName = InputObjectSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveVoiceTrainingJobCommand : MetaStudioApiCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string JobIdSet = "JobId";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public VoiceTrainingJob[]? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        /// <summary>Delete without asking (same as -Confirm:$false).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>X-App-UserId for the requests (ASCII); defaults to the job's, else the session's.</summary>
        [Parameter]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) foreach (var job in InputObject) Remove(job, job.JobId);
            if (JobId != null) foreach (var id in JobId) Remove(null, id);
        }

        private void Remove(VoiceTrainingJob? job, string id)
        {
            try
            {
                ValidateAppUserId(AppUserId);
                var session = ResolveSession(job);
                var target = $"voice training job {id}" + (job?.VoiceName != null ? $" ('{job.VoiceName}')" : "");
                if (!ShouldProcessUnlessForced(target, "Delete", Force)) return;
                var appUserId = !string.IsNullOrEmpty(AppUserId) ? AppUserId : job?.AppUserId ?? session.AppUserId;
                Await(ct => ApiFor(session).DeleteVoiceTrainingJobAsync(id, appUserId, Log, ct));
                WriteVerbose($"Deleted job {id}.");
            }
            catch (Exception ex)
            {
                WriteFailure(ex, (object?)job ?? id);
            }
        }
    }
}
