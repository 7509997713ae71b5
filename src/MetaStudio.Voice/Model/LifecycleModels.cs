using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

// Wire models of the lifecycle operations (reference §1.4–§1.10), field names exactly as the API's.
namespace MetaStudio.Voice.Model
{
    internal sealed class ListVoiceTrainingJobResponse
    {
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("jobs")] public List<TrainingJobInfo>? Jobs { get; set; }
    }

    internal sealed class AuditResultResponse
    {
        [JsonPropertyName("system_audit_result")] public SystemAuditResult? SystemAuditResult { get; set; }
        [JsonPropertyName("admin_audit_result")] public AdminAuditResult? AdminAuditResult { get; set; }
    }

    internal sealed class SystemAuditResult
    {
        [JsonPropertyName("audit_time")] public long? AuditTime { get; set; }
        [JsonPropertyName("errors")] public List<AuditErrorInfo>? Errors { get; set; }
    }

    internal sealed class AuditErrorInfo
    {
        [JsonPropertyName("audio_name")] public string? AudioName { get; set; }
        [JsonPropertyName("text_name")] public string? TextName { get; set; }
        [JsonPropertyName("error_code")] public string? ErrorCode { get; set; }
        [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
    }

    internal sealed class AdminAuditResult
    {
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("attachment_name")] public string? AttachmentName { get; set; }
        [JsonPropertyName("attachment_url")] public string? AttachmentUrl { get; set; }
        [JsonPropertyName("audit_time")] public long? AuditTime { get; set; }
    }

    internal sealed class OperationLogResponse
    {
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("operations")] public List<OperationLogItem>? Operations { get; set; }
    }

    internal sealed class OperationLogItem
    {
        [JsonPropertyName("time")] public long? Time { get; set; }
        [JsonPropertyName("action")] public string? Action { get; set; }
        [JsonPropertyName("operator")] public string? Operator { get; set; }
        [JsonPropertyName("external_info")] public JsonElement? ExternalInfo { get; set; }
    }

    internal sealed class SetJobBatchNameRequest
    {
        [JsonPropertyName("batch_name")] public string BatchName { get; set; } = "";
        [JsonPropertyName("job_ids")] public List<string> JobIds { get; set; } = new List<string>();
    }

    internal sealed class QuotasResponse
    {
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("resource_available_nums")] public Dictionary<string, JsonElement>? ResourceAvailableNums { get; set; }
        [JsonPropertyName("resources")] public List<QuotaResource>? Resources { get; set; }
    }

    internal sealed class QuotaResource
    {
        [JsonPropertyName("operation_type")] public string? OperationType { get; set; }
        [JsonPropertyName("resource_source")] public string? ResourceSource { get; set; }
        [JsonPropertyName("asset_id")] public string? AssetId { get; set; }
        [JsonPropertyName("resource_id")] public string? ResourceId { get; set; }
        [JsonPropertyName("resource_nums")] public int? ResourceNums { get; set; }
        [JsonPropertyName("resource_available_nums")] public int? ResourceAvailableNums { get; set; }
        [JsonPropertyName("resource_type")] public string? ResourceType { get; set; }
        [JsonPropertyName("charge_mode")] public string? ChargeMode { get; set; }
        [JsonPropertyName("expire_time")] public string? ExpireTime { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
    }

    /// <summary>Per-edition audio duration limits in seconds, e.g. basic_min_value; kept as a map so new editions pass through.</summary>
    internal sealed class TenantDurationCfgResponse
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? Values { get; set; }
    }

    internal sealed class ConfirmTrainingSegmentResponse
    {
        [JsonPropertyName("confirm_result")] public bool? ConfirmResult { get; set; }
        [JsonPropertyName("unmatched_index_hit")] public List<int>? UnmatchedIndexHit { get; set; }
    }

    internal sealed class TrainingSegmentInfoResponse
    {
        [JsonPropertyName("confirmed_index")] public List<int>? ConfirmedIndex { get; set; }
    }

    internal sealed class CreateShortJobRequest
    {
        [JsonPropertyName("job_type")] public string JobType { get; set; } = "VOICE_ASSESS";
        [JsonPropertyName("language")] public string? Language { get; set; }
    }

    internal sealed class CreateShortJobResponse
    {
        [JsonPropertyName("job_id")] public string? JobId { get; set; }
        [JsonPropertyName("data_uploading_url")] public string? DataUploadingUrl { get; set; }
    }

    internal sealed class ShortJobInfo
    {
        [JsonPropertyName("job_type")] public string? JobType { get; set; }
        [JsonPropertyName("job_id")] public string? JobId { get; set; }
        [JsonPropertyName("state")] public string? State { get; set; }
        [JsonPropertyName("job_failed_code")] public string? JobFailedCode { get; set; }
        [JsonPropertyName("job_failed_reason")] public string? JobFailedReason { get; set; }
        [JsonPropertyName("assess_result")] public Dictionary<string, JsonElement>? AssessResult { get; set; }
    }
}
