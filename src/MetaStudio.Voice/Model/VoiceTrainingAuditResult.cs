using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.Voice.Model
{
    /// <summary>Why a job did (or did not) pass review: the system's per-file findings and the reviewer's note.</summary>
    public sealed class VoiceTrainingAuditResult
    {
        internal VoiceTrainingAuditResult() { }

        public string JobId { get; internal set; } = "";
        /// <summary>When the automatic review ran, UTC.</summary>
        public DateTime? SystemAuditTime { get; internal set; }
        /// <summary>The automatic review's findings, one per file pair.</summary>
        public IReadOnlyList<VoiceTrainingAuditError> Errors { get; internal set; } = Array.Empty<VoiceTrainingAuditError>();
        /// <summary>The reviewer's message, if a person reviewed the job.</summary>
        public string? ReviewerMessage { get; internal set; }
        public string? ReviewerAttachmentName { get; internal set; }
        public DateTime? ReviewerAuditTime { get; internal set; }

        public override string ToString() => Errors.Count == 0
            ? $"{JobId}: no review findings" + (ReviewerMessage != null ? $" ({ReviewerMessage})" : "")
            : $"{JobId}: " + string.Join("; ", Errors.Select(e => e.ToString()));

        internal static VoiceTrainingAuditResult From(string jobId, AuditResultResponse response) => new VoiceTrainingAuditResult
        {
            JobId = jobId,
            SystemAuditTime = EpochTime(response.SystemAuditResult?.AuditTime),
            Errors = (response.SystemAuditResult?.Errors ?? new List<AuditErrorInfo>())
                .Select(e => new VoiceTrainingAuditError
                {
                    AudioName = e.AudioName,
                    TextName = e.TextName,
                    ErrorCode = e.ErrorCode,
                    ErrorMessage = e.ErrorMessage,
                }).ToList(),
            ReviewerMessage = response.AdminAuditResult?.Message,
            ReviewerAttachmentName = response.AdminAuditResult?.AttachmentName,
            ReviewerAuditTime = EpochTime(response.AdminAuditResult?.AuditTime),
        };

        // audit_time is a Long within int32 range: seconds; a value past year 3000 in seconds must be milliseconds.
        internal static DateTime? EpochTime(long? value)
        {
            if (!value.HasValue || value.Value <= 0) return null;
            return value.Value > 32503680000L
                ? DateTimeOffset.FromUnixTimeMilliseconds(value.Value).UtcDateTime
                : DateTimeOffset.FromUnixTimeSeconds(value.Value).UtcDateTime;
        }
    }

    /// <summary>One finding of the automatic review.</summary>
    public sealed class VoiceTrainingAuditError
    {
        internal VoiceTrainingAuditError() { }

        public string? AudioName { get; internal set; }
        public string? TextName { get; internal set; }
        public string? ErrorCode { get; internal set; }
        public string? ErrorMessage { get; internal set; }

        public override string ToString()
        {
            var files = string.Join("/", new[] { AudioName, TextName }.Where(n => !string.IsNullOrEmpty(n)));
            return (files.Length > 0 ? files + ": " : "") + $"{ErrorCode} {ErrorMessage}".Trim();
        }
    }

    /// <summary>One entry of a job's operation log (op-logs).</summary>
    public sealed class VoiceTrainingJobLogEntry
    {
        internal VoiceTrainingJobLogEntry() { }

        public string JobId { get; internal set; } = "";
        public DateTime? Time { get; internal set; }
        /// <summary>CREATE_JOB, COMMIT_JOB, SYSTEM_AUDIT_PASS, ADMIN_AUDIT_PASS, AUDIT_NOT_PASS, TRAINING_FINISH, UPLOADING_MODEL, COMPLETE_JOB, ...</summary>
        public string? Action { get; internal set; }
        /// <summary>USER, ADMIN or SYSTEM.</summary>
        public string? Operator { get; internal set; }
        /// <summary>Extra details as the service sent them (JSON).</summary>
        public string? ExternalInfo { get; internal set; }

        public override string ToString() => $"{Time:u} {Operator} {Action}";
    }

    /// <summary>How many trainings of an edition the tenant can still start.</summary>
    public sealed class VoiceTrainingQuota
    {
        internal VoiceTrainingQuota() { }

        /// <summary>Premium, Basic, Advanced, ... or the service's own name for resources this module does not know.</summary>
        public string Edition { get; internal set; } = "";
        /// <summary>The service's key (advance, basic, middle, middle_on_demand, flexus, third_party_cmww, ...).</summary>
        public string ResourceName { get; internal set; } = "";
        public int Available { get; internal set; }

        public override string ToString() => $"{Edition}: {Available}";
    }

    /// <summary>The tenant's audio duration limits for an edition.</summary>
    public sealed class VoiceTrainingDurationLimit
    {
        internal VoiceTrainingDurationLimit() { }

        /// <summary>Premium, Basic, Advanced, Flexus, ThirdParty (cmww), ThirdPartyLjzn, ShortAssess, or the service's prefix.</summary>
        public string Edition { get; internal set; } = "";
        public TimeSpan? Minimum { get; internal set; }
        public TimeSpan? Maximum { get; internal set; }
        public TimeSpan? Advised { get; internal set; }

        public override string ToString() => $"{Edition}: {Minimum}–{Maximum} (advised {Advised})";
    }
}
