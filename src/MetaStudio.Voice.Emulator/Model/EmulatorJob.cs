namespace MetaStudio.Voice.Emulator;

/// <summary>
/// A voice-training job as the emulator keeps it. Instances handed out by <see cref="MetaStudioEmulator"/> are
/// snapshots: they do not change afterwards.
/// </summary>
public sealed class EmulatorJob
{
    public string JobId { get; internal set; } = "";
    public string ProjectId { get; internal set; } = "";
    /// <summary>BASIC, MIDDLE, ADVANCE or THIRD_PARTY.</summary>
    public string JobType { get; internal set; } = "";
    public string VoiceName { get; internal set; } = "";
    public string State { get; internal set; } = JobStates.Creating;
    /// <summary>PACKAGE or SEGMENT.</summary>
    public string CreateType { get; internal set; } = "PACKAGE";
    public string? Tag { get; internal set; }
    public string? Sex { get; internal set; }
    public string? Language { get; internal set; }
    public string? Description { get; internal set; }
    public string? Phone { get; internal set; }
    public string? AppUserId { get; internal set; }
    public string? BatchName { get; internal set; }
    public string? DhtmsJobId { get; internal set; }
    public string? OutputLanguage { get; internal set; }
    public string? CustomText { get; internal set; }
    public bool? IsOndemandResource { get; internal set; }
    public IReadOnlyList<string>? SupportedService { get; internal set; }
    public string? AssetId { get; internal set; }
    public string? JobFailedCode { get; internal set; }
    public string? JobFailedReason { get; internal set; }
    public int RejectTimes { get; internal set; }
    public string? VoiceAuthorizationUrl { get; internal set; }
    public string? TrainingInputSourceUrl { get; internal set; }
    public DateTimeOffset CreateTime { get; internal set; }
    public DateTimeOffset LastUpdateTime { get; internal set; }
    /// <summary>Time of the last successful commit (null before the first one).</summary>
    public DateTimeOffset? CommitTime { get; internal set; }
    /// <summary>Uploads/confirmations older than this do not count for a commit (creation or the last audit failure).</summary>
    public DateTimeOffset DataResetTime { get; internal set; }
    /// <summary>Number of sentences of a SEGMENT job (20 for BASIC, 100 for MIDDLE; 0 otherwise).</summary>
    public int SegmentCount { get; internal set; }
    /// <summary>Segment index -> time it was confirmed.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> ConfirmedSegments => _confirmed;
    /// <summary>Errors of the last system audit (filled on AUDIT_FAILED).</summary>
    public IReadOnlyList<AuditError> AuditErrors { get; internal set; } = [];
    /// <summary>When the last audit finished (pass or fail); null before.</summary>
    public DateTimeOffset? AuditTime { get; internal set; }
    public IReadOnlyList<JobOperation> Operations => _operations;

    internal Dictionary<int, DateTimeOffset> _confirmed = new();
    internal List<JobOperation> _operations = new();
    /// <summary>The remaining walk of states after a commit (null = no automatic progress).</summary>
    internal IReadOnlyList<string>? Plan { get; set; }
    internal int PlanStep { get; set; }
    /// <summary>Errors of the receipt checks at the last commit (see ReceiptChecks); non-empty = the system audit fails.</summary>
    internal IReadOnlyList<AuditError>? ReceiptErrors { get; set; }

    internal EmulatorJob Snapshot()
    {
        var copy = (EmulatorJob)MemberwiseClone();
        copy._confirmed = new Dictionary<int, DateTimeOffset>(_confirmed);
        copy._operations = new List<JobOperation>(_operations);
        return copy;
    }
}

/// <summary>One entry of system_audit_result.errors.</summary>
public sealed record AuditError(string? AudioName, string? TextName, string ErrorCode, string ErrorMessage);

/// <summary>One entry of the job's operation log (op-logs). Operator is USER, ADMIN or SYSTEM.</summary>
public sealed record JobOperation(DateTimeOffset Time, string Action, string Operator);
