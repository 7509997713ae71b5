namespace MetaStudio.Voice.Emulator;

/// <summary>The JobState values the emulator uses (reference §2).</summary>
public static class JobStates
{
    public const string Creating = "CREATING";
    public const string SystemAuditing = "SYSTEM_AUDITING";
    public const string Auditing = "AUDITING";
    public const string Waiting = "WAITING";
    public const string Processing = "PROCESSING";
    public const string Succeed = "SUCCEED";
    public const string Failed = "FAILED";
    public const string AuditFailed = "AUDIT_FAILED";
    public const string SplitFailed = "SPLIT_FAILED";

    /// <summary>Every value of the reference's JobState enum (accepted by the list filter and SetJobState).</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "CREATING", "SYSTEM_AUDITING", "AUDITING", "WAITING_SPLIT", "SPLITTING", "SPLIT_FAILED", "ANNOTATING",
        "WAITING", "PROCESSING", "RESULT_REVIEW", "AUDIT_FAILED", "USER_RESULT_REVIEW", "USER_REVIEW_REJECT",
        "UPLOADING", "FAILED", "SUCCEED",
    };
}
