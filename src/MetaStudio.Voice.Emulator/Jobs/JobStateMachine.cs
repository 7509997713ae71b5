namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The emulated review/training walk. A commit fixes a plan of states; with a step delay the job enters plan[k] at
/// commit time + k × delay. Progress is computed lazily whenever the job is read, so no timers run.
/// Outcomes are chosen from the voice name at commit time:
/// <list type="bullet">
/// <item>"split-fail": SYSTEM_AUDITING → SPLIT_FAILED.</item>
/// <item>"audit-fail": SYSTEM_AUDITING → AUDITING → AUDIT_FAILED, on the first audit only (reject_times 0), so a
/// re-upload and a second commit go through.</item>
/// <item>"train-fail": … → PROCESSING → FAILED (MSS.40000101).</item>
/// <item>otherwise: SYSTEM_AUDITING → AUDITING → WAITING → PROCESSING → SUCCEED (asset_id = new UUID).</item>
/// </list>
/// </summary>
internal static class JobStateMachine
{
    public const string TrainingFailedCode = "MSS.40000101";
    public const string SplitFailedCode = "MSS.40000201";
    public const string AuditFailedCode = "MSS.40000001";

    public static IReadOnlyList<string> PlanFor(EmulatorJob job)
    {
        var name = job.VoiceName;
        // Receipt checks (ReceiptChecks) failed: the system audit ends in AUDIT_FAILED.
        if (job.ReceiptErrors is { Count: > 0 }) return [JobStates.SystemAuditing, JobStates.AuditFailed];
        if (name.Contains("split-fail", StringComparison.OrdinalIgnoreCase))
            return [JobStates.SystemAuditing, JobStates.SplitFailed];
        if (name.Contains("audit-fail", StringComparison.OrdinalIgnoreCase) && job.RejectTimes == 0)
            return [JobStates.SystemAuditing, JobStates.Auditing, JobStates.AuditFailed];
        if (name.Contains("train-fail", StringComparison.OrdinalIgnoreCase))
            return [JobStates.SystemAuditing, JobStates.Auditing, JobStates.Waiting, JobStates.Processing, JobStates.Failed];
        return [JobStates.SystemAuditing, JobStates.Auditing, JobStates.Waiting, JobStates.Processing, JobStates.Succeed];
    }

    public static void Commit(EmulatorJob job, DateTimeOffset now)
    {
        job.CommitTime = now;
        job.Plan = PlanFor(job);
        job.PlanStep = 0;
        job.JobFailedCode = null;
        job.JobFailedReason = null;
        job.AuditErrors = [];
        job._operations.Add(new JobOperation(now, "COMMIT_JOB", "USER"));
        Enter(job, JobStates.SystemAuditing, now);
    }

    /// <summary>Applies every step that is due at <paramref name="now"/>.</summary>
    public static void Advance(EmulatorJob job, DateTimeOffset now, TimeSpan? stepDelay)
    {
        if (stepDelay is not { } delay || job.Plan is not { } plan || job.CommitTime is not { } committed) return;
        var last = plan.Count - 1;
        long due = delay <= TimeSpan.Zero ? last : Math.Min(last, (now - committed).Ticks / delay.Ticks);
        while (job.PlanStep < due && job.Plan is not null)
        {
            job.PlanStep++;
            var at = committed + TimeSpan.FromTicks(Math.Max(delay.Ticks, 0) * job.PlanStep);
            Enter(job, plan[job.PlanStep], at);
        }
    }

    /// <summary>Forces a state (test hook); stops the automatic walk.</summary>
    public static void Force(EmulatorJob job, string state, DateTimeOffset now)
    {
        job.Plan = null;
        Enter(job, state, now);
    }

    private static void Enter(EmulatorJob job, string state, DateTimeOffset at)
    {
        var previous = job.State;
        job.State = state;
        job.LastUpdateTime = at;
        switch (state)
        {
            case JobStates.Auditing:
                job.AuditTime = at;
                job._operations.Add(new JobOperation(at, "SYSTEM_AUDIT_PASS", "SYSTEM"));
                break;
            case JobStates.Waiting:
                job._operations.Add(new JobOperation(at, "ADMIN_AUDIT_PASS", "ADMIN"));
                break;
            case JobStates.AuditFailed:
                job.RejectTimes++;
                job.AuditTime = at;
                job.DataResetTime = at;
                job.AuditErrors = job.ReceiptErrors is { Count: > 0 } receipt ? receipt :
                [
                    new AuditError("0.wav", job.JobType is "BASIC" or "MIDDLE" ? "0.txt" : null,
                        AuditFailedCode, "The speech in the audio does not match the text (emulated audit failure)."),
                ];
                job._operations.Add(new JobOperation(at, "AUDIT_NOT_PASS", previous == JobStates.SystemAuditing ? "SYSTEM" : "ADMIN"));
                job.Plan = null;
                break;
            case JobStates.SplitFailed:
                job.JobFailedCode = SplitFailedCode;
                job.JobFailedReason = "Audio splitting failed: no usable pauses between sentences (emulated).";
                job._operations.Add(new JobOperation(at, "AUDIT_NOT_PASS", "SYSTEM"));
                job.Plan = null;
                break;
            case JobStates.Failed:
                job.JobFailedCode ??= TrainingFailedCode;
                job.JobFailedReason ??= "Model training failed (emulated).";
                job.Plan = null;
                break;
            case JobStates.Succeed:
                job.AssetId ??= Guid.NewGuid().ToString();
                job._operations.Add(new JobOperation(at, "TRAINING_FINISH", "SYSTEM"));
                job._operations.Add(new JobOperation(at, "COMPLETE_JOB", "SYSTEM"));
                job.Plan = null;
                break;
        }
    }
}
