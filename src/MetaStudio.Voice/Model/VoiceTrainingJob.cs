using System;
using System.Collections.Generic;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Model
{
    /// <summary>
    /// A MetaStudio voice training job as the pipeline carries it from New-VoiceTrainingJob to
    /// Send-VoiceTrainingData, Submit-VoiceTrainingJob and beyond. Property names match the next
    /// cmdlet's parameters (JobId, Path), so binding by property name just works.
    /// </summary>
    public sealed class VoiceTrainingJob
    {
        internal VoiceTrainingJob() { }

        /// <summary>The job id (job_id).</summary>
        public string JobId { get; internal set; } = "";
        /// <summary>The voice (timbre) name, also the name of the voice asset (voice_name).</summary>
        public string? VoiceName { get; internal set; }
        /// <summary>Premium, Basic, Advanced, ThirdParty; an unknown job_type passes through as the service names it.</summary>
        public string? Edition { get; internal set; }
        /// <summary>The service's job_type (ADVANCE, BASIC, MIDDLE, THIRD_PARTY, ...).</summary>
        public string? JobType { get; internal set; }
        /// <summary>The job state (CREATING, SYSTEM_AUDITING, ..., SUCCEED); unknown states pass through.</summary>
        public string? State { get; internal set; }
        /// <summary>PACKAGE or SEGMENT.</summary>
        public string? CreateType { get; internal set; }
        public string? Tag { get; internal set; }
        public string? Sex { get; internal set; }
        public string? Language { get; internal set; }
        public string? Description { get; internal set; }
        public string? Phone { get; internal set; }
        public string? AppUserId { get; internal set; }
        public string? BatchName { get; internal set; }
        public string? OutputLanguage { get; internal set; }
        public string? DhtmsJobId { get; internal set; }
        public bool? IsOnDemandResource { get; internal set; }
        public bool? IsRemake { get; internal set; }
        public int? RejectTimes { get; internal set; }
        /// <summary>The voice model asset id, once the job has succeeded.</summary>
        public string? AssetId { get; internal set; }
        /// <summary>job_failed_code, when the job failed.</summary>
        public string? FailureCode { get; internal set; }
        /// <summary>job_failed_reason, when the job failed.</summary>
        public string? FailureReason { get; internal set; }
        /// <summary>Creation time, UTC.</summary>
        public DateTime? CreatedAt { get; internal set; }
        /// <summary>Time of the last state change, UTC.</summary>
        public DateTime? UpdatedAt { get; internal set; }
        /// <summary>The project the job belongs to.</summary>
        public string? ProjectId { get; internal set; }
        /// <summary>The training data to upload (a .zip, a folder or a .wav), when known.</summary>
        public string? Path { get; set; }
        /// <summary>When this session last uploaded the job's training data, UTC.</summary>
        public DateTime? DataUploadedAt { get; internal set; }

        /// <summary>Presigned upload URLs from the create call: bearer secrets, never shown.</summary>
        internal UploadTargets? UploadTargets { get; set; }

        /// <summary>The session that created or fetched the job, so a pipeline needs -Session only once.</summary>
        internal MetaStudioSession? Session { get; set; }

        public override string ToString() => $"{JobId} ({VoiceName}, {State})";

        internal static VoiceTrainingJob FromInfo(TrainingJobInfo info, MetaStudioSession? session)
        {
            session?.Remember(info.JobId ?? "", info.VoiceName, info.State);
            return new VoiceTrainingJob
            {
                JobId = info.JobId ?? "",
                VoiceName = info.VoiceName,
                JobType = info.JobType,
                Edition = EditionInfo.EditionName(info.JobType),
                State = info.State,
                CreateType = info.CreateType,
                Tag = info.Tag,
                Sex = info.Sex,
                Language = info.Language,
                Phone = info.Phone,
                AppUserId = info.AppUserId,
                BatchName = info.BatchName,
                OutputLanguage = info.OutputLanguage,
                DhtmsJobId = info.DhtmsJobId,
                IsOnDemandResource = info.IsOnDemandResource,
                IsRemake = info.IsRemake,
                RejectTimes = info.RejectTimes,
                AssetId = info.AssetId,
                FailureCode = info.JobFailedCode,
                FailureReason = info.JobFailedReason,
                CreatedAt = FromEpochMilliseconds(info.CreateTime),
                UpdatedAt = FromEpochMilliseconds(info.LastUpdateTime),
                ProjectId = session?.ProjectId,
                Session = session,
            };
        }

        /// <summary>Copies what the service knows now onto this object, keeping local facts (Path, upload targets).</summary>
        internal void Refresh(VoiceTrainingJob fresh)
        {
            VoiceName = fresh.VoiceName ?? VoiceName;
            JobType = fresh.JobType ?? JobType;
            Edition = fresh.Edition ?? Edition;
            State = fresh.State ?? State;
            CreateType = fresh.CreateType ?? CreateType;
            Tag = fresh.Tag ?? Tag;
            Sex = fresh.Sex ?? Sex;
            Language = fresh.Language ?? Language;
            Phone = fresh.Phone ?? Phone;
            AppUserId = fresh.AppUserId ?? AppUserId;
            BatchName = fresh.BatchName ?? BatchName;
            OutputLanguage = fresh.OutputLanguage ?? OutputLanguage;
            DhtmsJobId = fresh.DhtmsJobId ?? DhtmsJobId;
            IsOnDemandResource = fresh.IsOnDemandResource ?? IsOnDemandResource;
            IsRemake = fresh.IsRemake ?? IsRemake;
            RejectTimes = fresh.RejectTimes ?? RejectTimes;
            AssetId = fresh.AssetId ?? AssetId;
            FailureCode = fresh.FailureCode;
            FailureReason = fresh.FailureReason;
            CreatedAt = fresh.CreatedAt ?? CreatedAt;
            UpdatedAt = fresh.UpdatedAt ?? UpdatedAt;
        }

        // The reference leaves the unit open; the service's values are milliseconds since the epoch.
        internal static DateTime? FromEpochMilliseconds(long? value)
            => value.HasValue && value.Value > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(value.Value).UtcDateTime : (DateTime?)null;
    }

    /// <summary>Where a job's data goes. Every URL here is a bearer credential.</summary>
    internal sealed class UploadTargets
    {
        public Uri? TrainingData { get; set; }
        public Uri? AuthorizationLetter { get; set; }
        // Positions matter (index i is sentence i), so an unusable entry stays as null.
        public IReadOnlyList<Uri?> SegmentAudio { get; set; } = Array.Empty<Uri?>();
        public IReadOnlyList<Uri?> SegmentText { get; set; } = Array.Empty<Uri?>();

        internal static UploadTargets From(string? package, SegmentUploadingUrl? segments, string? letter)
        {
            return new UploadTargets
            {
                TrainingData = ToUri(package),
                AuthorizationLetter = ToUri(letter),
                SegmentAudio = ToUris(segments?.AudioUploadingUrl),
                SegmentText = ToUris(segments?.TxtUploadingUrl),
            };
        }

        private static Uri? ToUri(string? value)
            => !string.IsNullOrEmpty(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

        private static IReadOnlyList<Uri?> ToUris(List<string>? values)
        {
            if (values == null) return Array.Empty<Uri?>();
            var list = new List<Uri?>(values.Count);
            foreach (var v in values) list.Add(ToUri(v));
            return list;
        }
    }
}
