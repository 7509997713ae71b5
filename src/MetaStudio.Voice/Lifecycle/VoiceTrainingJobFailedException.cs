using MetaStudio.Voice.Client;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Lifecycle
{
    /// <summary>A job ended in a failure state; carries the job and, for review failures, the findings.</summary>
    public sealed class VoiceTrainingJobFailedException : MetaStudioException
    {
        internal VoiceTrainingJobFailedException(string errorId, VoiceTrainingJob job, VoiceTrainingAuditResult? auditResult, string message)
            : base(errorId, MetaStudioErrorKind.InvalidOperation, message)
        {
            Job = job;
            AuditResult = auditResult;
        }

        public VoiceTrainingJob Job { get; }
        public VoiceTrainingAuditResult? AuditResult { get; }

        /// <summary>The message for a job that ended in a failure state: what failed, why, and what to do next.</summary>
        internal static string Describe(VoiceTrainingJob job, VoiceTrainingAuditResult? audit)
        {
            var who = $"Job {job.JobId}" + (job.VoiceName != null ? $" ('{job.VoiceName}')" : "");
            var reason = string.IsNullOrEmpty(job.FailureCode) && string.IsNullOrEmpty(job.FailureReason)
                ? "the service gave no reason"
                : $"{job.FailureCode} {job.FailureReason}".Trim();
            switch (job.State?.ToUpperInvariant())
            {
                case "AUDIT_FAILED":
                    var findings = audit == null || audit.Errors.Count == 0
                        ? (audit?.ReviewerMessage ?? reason)
                        : string.Join("; ", System.Linq.Enumerable.Select(audit.Errors, e => e.ToString())) +
                          (audit.ReviewerMessage != null ? $"; reviewer: {audit.ReviewerMessage}" : "");
                    return $"{who} failed review: {findings}. Fix those files, upload them again with " +
                           $"Send-VoiceTrainingData -JobId {job.JobId} -Path <data>, then run Submit-VoiceTrainingJob -JobId {job.JobId}.";
                case "SPLIT_FAILED":
                    return $"{who}: the service could not split the recording into sentences ({reason}). " +
                           "Leave 2–3 s of silence between sentences, then train the voice again with a new job.";
                case "USER_REVIEW_REJECT":
                    return $"{who}: the trained result was rejected in review ({reason}). Train the voice again with a new job.";
                default:
                    return $"{who} failed in training: {reason}. Check the recording against the data rules " +
                           $"(Test-VoiceTrainingData) and train again with a new job; quote job id {job.JobId} to support if the reason is unclear.";
            }
        }
    }
}
