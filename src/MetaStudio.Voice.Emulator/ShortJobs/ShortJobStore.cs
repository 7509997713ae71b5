namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Short jobs of all projects under one lock. A committed job is PROCESSING until one StepDelay has passed since the
/// commit (at once when StepDelay is null or ≤ 0), then SUCCEED or FAILED; progress is applied lazily on each read.
/// </summary>
internal sealed class ShortJobStore(TimeProvider clock, Func<TimeSpan?> stepDelay)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, EmulatorShortJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    public void Add(EmulatorShortJob job)
    {
        lock (_gate)
        {
            _jobs.Add(job.JobId, job);
            _order.Add(job.JobId);
        }
    }

    public T Update<T>(string projectId, string jobId, Func<EmulatorShortJob, T> action)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.ProjectId != projectId) throw ApiErrors.JobNotFound(jobId);
            Advance(job);
            return action(job);
        }
    }

    public EmulatorShortJob? Find(string jobId)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job)) return null;
            Advance(job);
            return job.Snapshot();
        }
    }

    public IReadOnlyList<EmulatorShortJob> Snapshot()
    {
        lock (_gate)
        {
            return _order.Select(id => { var j = _jobs[id]; Advance(j); return j.Snapshot(); }).ToList();
        }
    }

    /// <summary>Applies the finish when it is due (call with the lock held).</summary>
    internal void Advance(EmulatorShortJob job)
    {
        if (job.State != JobStates.Processing || job.Pending is not { } outcome || job.CommitTime is not { } committed) return;
        var delay = stepDelay();
        var at = delay is { } d && d > TimeSpan.Zero ? committed + d : committed;
        if (clock.GetUtcNow() < at) return;
        job.Pending = null;
        job.LastUpdateTime = at;
        if (outcome.Result is { } result)
        {
            job.State = JobStates.Succeed;
            job.AssessResult = result;
        }
        else
        {
            job.State = JobStates.Failed;
            job.JobFailedCode = outcome.FailedCode;
            job.JobFailedReason = outcome.FailedReason;
        }
    }
}
