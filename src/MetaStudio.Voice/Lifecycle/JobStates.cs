using System;

namespace MetaStudio.Voice.Lifecycle
{
    /// <summary>How the wrapper reads JobState (reference §2); unknown states mean "keep waiting".</summary>
    internal static class JobStates
    {
        public const string Succeeded = "SUCCEED";

        public static bool IsSuccess(string? state) => string.Equals(state, Succeeded, StringComparison.OrdinalIgnoreCase);

        public static bool IsFailure(string? state) => FailureErrorId(state) != null;

        public static bool IsTerminal(string? state) => IsSuccess(state) || IsFailure(state);

        /// <summary>The ErrorId a wait reports for a failure state, or null for any other state.</summary>
        public static string? FailureErrorId(string? state) => state?.ToUpperInvariant() switch
        {
            "FAILED" => "VoiceTrainingFailed",
            "AUDIT_FAILED" => "VoiceTrainingAuditFailed",
            "SPLIT_FAILED" => "VoiceTrainingSplitFailed",
            "USER_REVIEW_REJECT" => "VoiceTrainingRejected",
            _ => null,
        };
    }
}
