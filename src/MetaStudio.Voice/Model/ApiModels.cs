using System.Collections.Generic;
using System.Text.Json.Serialization;

// Wire models: field names exactly as in the MetaStudio API reference (§1.2–§1.8).
namespace MetaStudio.Voice.Model
{
    internal sealed class CreateTrainingJobRequest
    {
        [JsonPropertyName("tag")] public string? Tag { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("sex")] public string? Sex { get; set; }
        [JsonPropertyName("voice_name")] public string VoiceName { get; set; } = "";
        [JsonPropertyName("language")] public string? Language { get; set; }
        [JsonPropertyName("create_type")] public string? CreateType { get; set; }
        [JsonPropertyName("phone")] public string? Phone { get; set; }
        [JsonPropertyName("dhtms_job_id")] public string? DhtmsJobId { get; set; }
        [JsonPropertyName("batch_name")] public string? BatchName { get; set; }
        [JsonPropertyName("output_language")] public string? OutputLanguage { get; set; }
        [JsonPropertyName("custom_text")] public string? CustomText { get; set; }
        [JsonPropertyName("is_ondemand_resource")] public bool? IsOnDemandResource { get; set; }
        [JsonPropertyName("supported_service")] public List<string>? SupportedService { get; set; }
    }

    internal sealed class SegmentUploadingUrl
    {
        [JsonPropertyName("audio_uploading_url")] public List<string>? AudioUploadingUrl { get; set; }
        [JsonPropertyName("txt_uploading_url")] public List<string>? TxtUploadingUrl { get; set; }
    }

    internal sealed class CreateTrainingJobResponse
    {
        [JsonPropertyName("job_id")] public string? JobId { get; set; }
        [JsonPropertyName("training_data_uploading_url")] public string? TrainingDataUploadingUrl { get; set; }
        [JsonPropertyName("segment_uploading_url")] public SegmentUploadingUrl? SegmentUploadingUrl { get; set; }
        [JsonPropertyName("authorization_letter_uploading_url")] public string? AuthorizationLetterUploadingUrl { get; set; }
    }

    internal sealed class PackageUrl
    {
        [JsonPropertyName("training_data_uploading_url")] public string? TrainingDataUploadingUrl { get; set; }
    }

    internal sealed class UploadingAddressResponse
    {
        [JsonPropertyName("segment_url")] public SegmentUploadingUrl? SegmentUrl { get; set; }
        [JsonPropertyName("package_url")] public PackageUrl? PackageUrl { get; set; }
        [JsonPropertyName("authorization_letter_uploading_url")] public string? AuthorizationLetterUploadingUrl { get; set; }
    }

    internal sealed class CommitJobRequest
    {
        [JsonPropertyName("tag")] public string? Tag { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("sex")] public string? Sex { get; set; }
        [JsonPropertyName("voice_name")] public string? VoiceName { get; set; }
        [JsonPropertyName("language")] public string? Language { get; set; }
        [JsonPropertyName("phone")] public string? Phone { get; set; }
        [JsonPropertyName("app_user_id")] public string? AppUserId { get; set; }
        [JsonPropertyName("output_language")] public string? OutputLanguage { get; set; }
        [JsonPropertyName("custom_text")] public string? CustomText { get; set; }

        [JsonIgnore]
        public bool IsEmpty => Tag == null && Description == null && Sex == null && VoiceName == null && Language == null
            && Phone == null && AppUserId == null && OutputLanguage == null && CustomText == null;
    }

    /// <summary>TrainingJobInfo / ShowVoiceTrainingJobResponse.</summary>
    internal sealed class TrainingJobInfo
    {
        [JsonPropertyName("job_type")] public string? JobType { get; set; }
        [JsonPropertyName("job_id")] public string? JobId { get; set; }
        [JsonPropertyName("app_user_id")] public string? AppUserId { get; set; }
        [JsonPropertyName("voice_name")] public string? VoiceName { get; set; }
        [JsonPropertyName("sex")] public string? Sex { get; set; }
        [JsonPropertyName("language")] public string? Language { get; set; }
        [JsonPropertyName("state")] public string? State { get; set; }
        [JsonPropertyName("reject_times")] public int? RejectTimes { get; set; }
        [JsonPropertyName("asset_id")] public string? AssetId { get; set; }
        [JsonPropertyName("job_failed_code")] public string? JobFailedCode { get; set; }
        [JsonPropertyName("job_failed_reason")] public string? JobFailedReason { get; set; }
        [JsonPropertyName("create_time")] public long? CreateTime { get; set; }
        [JsonPropertyName("lastupdate_time")] public long? LastUpdateTime { get; set; }
        [JsonPropertyName("voice_authorization_url")] public string? VoiceAuthorizationUrl { get; set; }
        [JsonPropertyName("training_input_source_url")] public string? TrainingInputSourceUrl { get; set; }
        [JsonPropertyName("create_type")] public string? CreateType { get; set; }
        [JsonPropertyName("tag")] public string? Tag { get; set; }
        [JsonPropertyName("phone")] public string? Phone { get; set; }
        [JsonPropertyName("dhtms_job_id")] public string? DhtmsJobId { get; set; }
        [JsonPropertyName("batch_name")] public string? BatchName { get; set; }
        [JsonPropertyName("output_language")] public string? OutputLanguage { get; set; }
        [JsonPropertyName("is_remake")] public bool? IsRemake { get; set; }
        [JsonPropertyName("is_ondemand_resource")] public bool? IsOnDemandResource { get; set; }
    }

    /// <summary>The service's error body: {error_code, error_msg[, request_id]}.</summary>
    internal sealed class ServiceErrorBody
    {
        [JsonPropertyName("error_code")] public string? ErrorCode { get; set; }
        [JsonPropertyName("error_msg")] public string? ErrorMsg { get; set; }
        [JsonPropertyName("request_id")] public string? RequestId { get; set; }
    }
}
