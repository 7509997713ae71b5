namespace MetaStudio.Voice.Emulator;

/// <summary>
/// All jobs of all projects. One lock guards every job; each access first applies the state steps that are due.
/// </summary>
internal sealed class JobStore(TimeProvider clock, Func<TimeSpan?> stepDelay)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, EmulatorJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    public DateTimeOffset Now => clock.GetUtcNow();

    public void Add(EmulatorJob job)
    {
        lock (_gate)
        {
            _jobs.Add(job.JobId, job);
            _order.Add(job.JobId);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the live job of <paramref name="projectId"/> under the store lock.</summary>
    public T Update<T>(string projectId, string jobId, Func<EmulatorJob, T> action)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.ProjectId != projectId) throw ApiErrors.JobNotFound(jobId);
            JobStateMachine.Advance(job, Now, stepDelay());
            return action(job);
        }
    }

    public bool Remove(string projectId, string jobId, Action<EmulatorJob> check)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.ProjectId != projectId) throw ApiErrors.JobNotFound(jobId);
            JobStateMachine.Advance(job, Now, stepDelay());
            check(job);
            _order.Remove(jobId);
            return _jobs.Remove(jobId);
        }
    }

    /// <summary>Snapshots of every job (creation order), advanced to now.</summary>
    public IReadOnlyList<EmulatorJob> Snapshot()
    {
        lock (_gate)
        {
            var now = Now;
            var delay = stepDelay();
            return _order.Select(id => { var j = _jobs[id]; JobStateMachine.Advance(j, now, delay); return j.Snapshot(); }).ToList();
        }
    }

    public EmulatorJob? Find(string jobId)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job)) return null;
            JobStateMachine.Advance(job, Now, stepDelay());
            return job.Snapshot();
        }
    }

    /// <summary>Test hook: forces a job into a state (stops the automatic walk).</summary>
    public bool Force(string jobId, string state, string? failedCode, string? failedReason)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job)) return false;
            JobStateMachine.Advance(job, Now, stepDelay());
            if (failedCode is not null) job.JobFailedCode = failedCode;
            if (failedReason is not null) job.JobFailedReason = failedReason;
            JobStateMachine.Force(job, state, Now);
            return true;
        }
    }
}
