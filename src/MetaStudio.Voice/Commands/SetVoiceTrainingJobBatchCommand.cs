using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Puts voice training jobs into a named batch (SetJobBatchName).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VoiceTrainingJobBatch", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class SetVoiceTrainingJobBatchCommand : MetaStudioApiCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string JobIdSet = "JobId";
        /// <summary>Ids per request: the list API's page size, a safe bound for one body.</summary>
        private const int IdsPerRequest = 100;

        private readonly List<(string Id, VoiceTrainingJob? Job, MetaStudioSession Session)> _jobs = new List<(string, VoiceTrainingJob?, MetaStudioSession)>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? BatchName { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public VoiceTrainingJob[]? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        /// <summary>Write the jobs (with their new batch name) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>X-App-UserId for the requests (ASCII); defaults to the job's, else the session's.</summary>
        [Parameter]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var job in InputObject ?? Array.Empty<VoiceTrainingJob>()) Collect(job.JobId, job);
            foreach (var id in JobId ?? Array.Empty<string>()) Collect(id, null);
        }

        private void Collect(string id, VoiceTrainingJob? job)
        {
            try
            {
                ValidateAppUserId(AppUserId);
                _jobs.Add((id, job, ResolveSession(job)));
            }
            catch (Exception ex) { WriteFailure(ex, (object?)job ?? id); }
        }

        // One request for many jobs: collected through the pipeline, sent at the end.
        protected override void EndProcessing()
        {
            // One request per session and app user: X-App-UserId is per request, not per job id.
            foreach (var group in _jobs.GroupBy(j => (j.Session, AppUser: !string.IsNullOrEmpty(AppUserId) ? AppUserId : j.Job?.AppUserId ?? j.Session.AppUserId)))
            {
                foreach (var chunk in group.Select((j, i) => (j, i)).GroupBy(x => x.i / IdsPerRequest, x => x.j))
                {
                    var items = chunk.ToList();
                    var ids = items.Select(j => j.Id).Distinct().ToList();
                    if (!ShouldProcess($"{ids.Count} voice training job(s): {string.Join(", ", ids.Take(5))}{(ids.Count > 5 ? ", ..." : "")}", $"Set batch name '{BatchName}'"))
                        continue;
                    try
                    {
                        var session = group.Key.Session;
                        Await(ct => ApiFor(session).SetJobBatchNameAsync(BatchName!, ids, group.Key.AppUser, Log, ct));
                        foreach (var (id, job, s) in items)
                        {
                            if (job != null) job.BatchName = BatchName;
                            if (PassThru) WriteObject(job ?? new VoiceTrainingJob { JobId = id, BatchName = BatchName, Session = s, ProjectId = s.ProjectId });
                        }
                    }
                    catch (Exception ex)
                    {
                        WriteFailure(ex, ids);
                    }
                }
            }
        }
    }
}
