namespace MetaStudio.Voice.Emulator;

/// <summary>
/// A short job (job_type VOICE_ASSESS: audio quality assessment). Instances handed out by
/// <see cref="MetaStudioEmulator"/> are snapshots.
/// </summary>
public sealed class EmulatorShortJob
{
    public const string VoiceAssess = "VOICE_ASSESS";

    public string JobId { get; internal set; } = "";
    public string ProjectId { get; internal set; } = "";
    public string JobType { get; internal set; } = VoiceAssess;
    /// <summary>CN or EN: the language of the top-level suggestion.</summary>
    public string Language { get; internal set; } = "CN";
    public string? AppUserId { get; internal set; }
    /// <summary>CREATING → (commit) PROCESSING → SUCCEED (or FAILED when the upload holds no readable WAV).</summary>
    public string State { get; internal set; } = JobStates.Creating;
    public string? JobFailedCode { get; internal set; }
    public string? JobFailedReason { get; internal set; }
    public DateTimeOffset CreateTime { get; internal set; }
    public DateTimeOffset LastUpdateTime { get; internal set; }
    public DateTimeOffset? CommitTime { get; internal set; }
    /// <summary>Present once the job SUCCEEDed.</summary>
    public VoiceAssessResult? AssessResult { get; internal set; }

    /// <summary>The outcome fixed at commit, revealed when the job finishes.</summary>
    internal VoiceAssessment.Outcome? Pending { get; set; }

    internal EmulatorShortJob Snapshot() => (EmulatorShortJob)MemberwiseClone();
}

/// <summary>assess_result (§1.4): one <see cref="AssessProperty"/> per measure plus an overall suggestion.</summary>
public sealed record VoiceAssessResult(
    AssessProperty Speed, AssessProperty Sound, AssessProperty Snr, AssessProperty Reverb,
    AssessProperty DnsmosOvrl, AssessProperty DnsmosBak, string Suggestion);

/// <summary>AssessProperty: expected range, measured value, advice (CN and EN) and status (0 in range, 1 out of range).</summary>
public sealed record AssessProperty(string Expected, string Actual, string Suggestion, string SuggestionEn, int Status);
