using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Lifecycle;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Waits until voice training jobs succeed or fail, with a progress bar per job.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "VoiceTrainingJob", DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class WaitVoiceTrainingJobCommand : MetaStudioApiCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string JobIdSet = "JobId";
        private const int OverallActivityId = 1;
        /// <summary>Per-job bars beyond this many would drown the terminal; the overall bar still counts them all.</summary>
        private const int MaxJobBars = 10;
        private const int MaxConsecutiveFailures = 5;

        private readonly List<Watched> _jobs = new List<Watched>();
        private readonly Random _random = new Random();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public VoiceTrainingJob[]? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        /// <summary>How often to look at a job (seconds or a TimeSpan); backs off while a job sits in one state. Default 30 s.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Give up waiting after this long (seconds or a TimeSpan); unfinished jobs are reported as errors.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan? Timeout { get; set; }

        /// <summary>At most this many status requests per second, across all jobs (the API allows ~20/s for queries).</summary>
        [Parameter]
        [ValidateRange(0.1, 20)]
        public double MaxRequestsPerSecond { get; set; } = 5;

        /// <summary>X-App-UserId for the requests (ASCII); defaults to the job's, else the session's.</summary>
        [Parameter]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null)
                foreach (var job in InputObject) Add(job, job.JobId);
            if (JobId != null)
                foreach (var id in JobId) Add(null, id);
        }

        private void Add(VoiceTrainingJob? job, string id)
        {
            try
            {
                if (PollInterval < TimeSpan.FromMilliseconds(10))
                    throw new MetaStudioException("InvalidPollInterval", MetaStudioErrorKind.InvalidArgument, "-PollInterval must be at least 10 ms; the default is 30 s.");
                ValidateAppUserId(AppUserId);
                if (_jobs.Any(w => w.Job.JobId == id)) return;
                var session = ResolveSession(job);
                job ??= new VoiceTrainingJob { JobId = id, Session = session, ProjectId = session.ProjectId };
                _jobs.Add(new Watched(job, session, new PollSchedule(PollInterval, _random), _jobs.Count));
            }
            catch (Exception ex)
            {
                WriteFailure(ex, (object?)job ?? id);
            }
        }

        protected override void EndProcessing()
        {
            if (_jobs.Count == 0) return;
            var started = DateTime.UtcNow;
            var deadline = Timeout.HasValue ? started + Timeout.Value : (DateTime?)null;
            var requestGap = TimeSpan.FromSeconds(1 / MaxRequestsPerSecond);
            var lastRequest = DateTime.MinValue;
            var pending = _jobs.ToList();

            while (pending.Count > 0)
            {
                foreach (var w in pending.Where(w => w.NextPoll <= DateTime.UtcNow).OrderBy(w => w.NextPoll).ToList())
                {
                    // The deadline is checked before every poll: a round over many jobs at the rate cap can be long.
                    if (deadline.HasValue && DateTime.UtcNow >= deadline.Value) break;
                    var wait = lastRequest + requestGap - DateTime.UtcNow;
                    if (deadline.HasValue && deadline.Value - DateTime.UtcNow < wait) wait = deadline.Value - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero) Sleep(wait, pending, started);
                    if (deadline.HasValue && DateTime.UtcNow >= deadline.Value) break;
                    lastRequest = DateTime.UtcNow;
                    if (Poll(w)) pending.Remove(w);
                }
                DrawProgress(pending, started);
                if (pending.Count == 0) break;
                if (deadline.HasValue && DateTime.UtcNow >= deadline.Value)
                {
                    foreach (var w in pending)
                        WriteError(ToErrorRecord(new MetaStudioException("WaitTimeout", MetaStudioErrorKind.Timeout,
                            $"Job {w.Job.JobId} is still {w.Job.State ?? "unknown"} after {Timeout}. Run Wait-VoiceTrainingJob again to keep waiting."), w.Job));
                    break;
                }
                var next = pending.Min(w => w.NextPoll);
                if (deadline.HasValue && deadline.Value < next) next = deadline.Value;
                Sleep(next - DateTime.UtcNow, pending, started);
            }
            CompleteProgress();
        }

        /// <summary>Looks at one job; true when the wait for it is over.</summary>
        private bool Poll(Watched w)
        {
            TrainingJobInfo info;
            try
            {
                info = Await(ct => ApiFor(w.Session).ShowVoiceTrainingJobAsync(w.Job.JobId, !string.IsNullOrEmpty(AppUserId) ? AppUserId : w.Job.AppUserId ?? w.Session.AppUserId, Log, ct));
                w.Failures = 0;
            }
            catch (MetaStudioException ex) when (IsWorthRetrying(ex) && ++w.Failures < MaxConsecutiveFailures)
            {
                WriteWarning($"Could not read job {w.Job.JobId} ({ex.ErrorId}); trying again. {ex.Message}");
                w.NextPoll = DateTime.UtcNow + w.Schedule.Next(changed: false);
                return false;
            }
            catch (Exception ex)
            {
                WriteFailure(ex, w.Job);
                return true;
            }

            var before = w.Job.State;
            w.Job.Refresh(VoiceTrainingJob.FromInfo(info, w.Session));
            var changed = !string.Equals(before, w.Job.State, StringComparison.Ordinal);
            if (changed || w.StateSince == default)
            {
                w.StateSince = w.Job.UpdatedAt ?? DateTime.UtcNow;
                if (changed) WriteVerbose($"Job {w.Job.JobId} ('{w.Job.VoiceName}') is now {w.Job.State}.");
            }

            if (JobStates.IsSuccess(w.Job.State))
            {
                CompleteBar(w);
                WriteObject(w.Job);
                return true;
            }
            var errorId = JobStates.FailureErrorId(w.Job.State);
            if (errorId != null)
            {
                CompleteBar(w);
                VoiceTrainingAuditResult? audit = null;
                if (string.Equals(w.Job.State, "AUDIT_FAILED", StringComparison.OrdinalIgnoreCase))
                {
                    try { audit = VoiceTrainingAuditResult.From(w.Job.JobId, Await(ct => ApiFor(w.Session).ShowJobAuditResultAsync(w.Job.JobId, Log, ct))); }
                    catch (MetaStudioException ex) { WriteWarning($"Could not read the review result of job {w.Job.JobId}: {ex.Message}"); }
                }
                var failure = new VoiceTrainingJobFailedException(errorId, w.Job, audit, VoiceTrainingJobFailedException.Describe(w.Job, audit));
                WriteError(new ErrorRecord(failure, errorId, ErrorCategory.InvalidResult, w.Job));
                return true;
            }
            w.NextPoll = DateTime.UtcNow + w.Schedule.Next(changed);
            return false;
        }

        private static bool IsWorthRetrying(MetaStudioException ex) => ex.Kind == MetaStudioErrorKind.Network
            || ex.Kind == MetaStudioErrorKind.Timeout || ex.Kind == MetaStudioErrorKind.Throttled
            || ex.Kind == MetaStudioErrorKind.ServiceUnavailable || ex.Kind == MetaStudioErrorKind.ServiceError;

        /// <summary>Sleeps without blocking Ctrl+C, redrawing the bars so time-in-state keeps counting.</summary>
        private void Sleep(TimeSpan duration, List<Watched> pending, DateTime started)
        {
            if (duration <= TimeSpan.Zero) return;
            var lastDraw = DateTime.UtcNow;
            Await(ct => Task.Delay(duration, ct), () =>
            {
                if (DateTime.UtcNow - lastDraw < TimeSpan.FromSeconds(1)) return;
                lastDraw = DateTime.UtcNow;
                DrawProgress(pending, started);
            });
        }

        private void DrawProgress(List<Watched> pending, DateTime started)
        {
            var done = _jobs.Count - pending.Count;
            var overall = new ProgressRecord(OverallActivityId, $"Waiting for {_jobs.Count} voice training job(s)",
                $"{done} of {_jobs.Count} finished, {Elapsed(DateTime.UtcNow - started)} elapsed")
            {
                PercentComplete = _jobs.Count == 0 ? 100 : done * 100 / _jobs.Count,
            };
            WriteProgress(overall);
            foreach (var w in pending.Where(w => w.Index < MaxJobBars))
            {
                var inState = w.StateSince == default ? TimeSpan.Zero : DateTime.UtcNow - w.StateSince;
                WriteProgress(new ProgressRecord(OverallActivityId + 1 + w.Index, w.Job.VoiceName ?? w.Job.JobId,
                    $"{w.Job.State ?? "checking"} for {Elapsed(inState)}") { ParentActivityId = OverallActivityId });
            }
        }

        private void CompleteBar(Watched w)
        {
            if (w.Index >= MaxJobBars) return;
            WriteProgress(new ProgressRecord(OverallActivityId + 1 + w.Index, w.Job.VoiceName ?? w.Job.JobId, w.Job.State ?? "done")
            { ParentActivityId = OverallActivityId, RecordType = ProgressRecordType.Completed });
        }

        private void CompleteProgress()
            => WriteProgress(new ProgressRecord(OverallActivityId, $"Waiting for {_jobs.Count} voice training job(s)", "Done")
            { RecordType = ProgressRecordType.Completed });

        private static string Elapsed(TimeSpan t)
            => t < TimeSpan.Zero ? "0s" : t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s" : $"{t.Seconds}s";

        private sealed class Watched
        {
            public Watched(VoiceTrainingJob job, MetaStudioSession session, PollSchedule schedule, int index)
            {
                Job = job;
                Session = session;
                Schedule = schedule;
                Index = index;
            }

            public VoiceTrainingJob Job { get; }
            public MetaStudioSession Session { get; }
            public PollSchedule Schedule { get; }
            public int Index { get; }
            public DateTime NextPoll { get; set; }
            public DateTime StateSince { get; set; }
            public int Failures { get; set; }
        }
    }
}
