using System;
using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Submits a voice training job for review and training (CommitVoiceTrainingJob).</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Submit, "VoiceTrainingJob", DefaultParameterSetName = InputObjectSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class SubmitVoiceTrainingJobCommand : MetaStudioApiCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string JobIdSet = "JobId";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public VoiceTrainingJob? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? JobId { get; set; }

        // The fields below change the job at submission. They deliberately do not bind from the
        // pipeline: a piped job's own VoiceName or Tag must not be sent back as a change.

        /// <summary>A new voice name for the job.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? VoiceName { get; set; }

        [Parameter]
        [ValidateSetOrEmpty("ECOMMERCE", "NEWS", "MARKETING", "LIVE", "EDUCATION", "CUSTOMER", "STORYTELLING")]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string? Tag { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        [ValidateSetOrEmpty("FEMALE", "MALE")]
        [ArgumentCompleter(typeof(SexCompleter))]
        public string? Sex { get; set; }

        [Parameter]
        [ValidateSetOrEmpty("CN", "EN")]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string? Language { get; set; }

        [Parameter]
        public string? Phone { get; set; }

        [Parameter]
        public string? OutputLanguage { get; set; }

        [Parameter]
        public string? CustomText { get; set; }

        /// <summary>X-App-UserId for the request (ASCII); defaults to the job's or the session's.</summary>
        [Parameter]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            var job = InputObject;
            var jobId = job?.JobId ?? JobId!;
            try
            {
                ValidateAppUserId(AppUserId);
                var session = ResolveSession(job);
                var appUserId = !string.IsNullOrEmpty(AppUserId) ? AppUserId : job?.AppUserId ?? session.AppUserId;
                var body = new CommitJobRequest
                {
                    VoiceName = Given(VoiceName),
                    Tag = Given(Tag)?.ToUpperInvariant(),
                    Description = Given(Description),
                    Sex = Given(Sex)?.ToUpperInvariant(),
                    Language = Given(Language)?.ToUpperInvariant(),
                    Phone = Given(Phone),
                    OutputLanguage = Given(OutputLanguage),
                    CustomText = Given(CustomText),
                };
                if (!ShouldProcess($"voice training job {jobId}" + (job?.VoiceName != null ? $" ('{job.VoiceName}')" : ""), "Submit for review and training"))
                    return;

                Await(ct => ApiFor(session).CommitVoiceTrainingJobAsync(jobId, body, appUserId, Log, ct));
                WriteVerbose($"Submitted job {jobId}.");

                // The commit answer carries nothing; read the job back so the pipeline sees its new state.
                job ??= new VoiceTrainingJob { JobId = jobId, ProjectId = session.ProjectId, Session = session };
                try
                {
                    var info = Await(ct => ApiFor(session).ShowVoiceTrainingJobAsync(jobId, appUserId, Log, ct));
                    job.Refresh(VoiceTrainingJob.FromInfo(info, session));
                }
                catch (MetaStudioException ex)
                {
                    WriteWarning($"Job {jobId} was submitted, but reading its new state failed: {ex.Message}");
                    job.State = "SYSTEM_AUDITING";
                }
                WriteObject(job);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, (object?)job ?? jobId);
            }
        }

        private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
