using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The ListVoiceTrainingJob query (§1.5): filters, sort and paging. Times are RFC3339 (e.g. 2024-01-02T03:04:05Z);
/// bounds are inclusive; voice_name matches as a case-insensitive substring, the other filters exactly.
/// Any bad value → 400 MSS.00000003.
/// </summary>
internal sealed class JobListQuery
{
    public int Offset { get; private init; }
    public int Limit { get; private init; }
    public IReadOnlySet<string>? States { get; private init; }
    public string? JobId { get; private init; }
    public string? VoiceName { get; private init; }
    public string? Tag { get; private init; }
    public string? JobType { get; private init; }
    public string? BatchName { get; private init; }
    public bool? IsOndemandResource { get; private init; }
    public DateTimeOffset? CreateSince { get; private init; }
    public DateTimeOffset? CreateUntil { get; private init; }
    public DateTimeOffset? UpdateSince { get; private init; }
    public DateTimeOffset? UpdateUntil { get; private init; }
    public bool SortByUpdate { get; private init; }
    public bool Ascending { get; private init; }

    public static JobListQuery Parse(HttpContext context)
    {
        var sortKey = RequestReading.Query(context, "sort_key") ?? "create_time";
        if (sortKey is not ("create_time" or "update_time")) throw ApiErrors.InvalidParameter("sort_key must be create_time or update_time");
        var sortDir = RequestReading.Query(context, "sort_dir") ?? "desc";
        if (sortDir is not ("asc" or "desc")) throw ApiErrors.InvalidParameter("sort_dir must be asc or desc");
        var ondemand = RequestReading.Query(context, "is_ondemand_resource");
        bool? ondemandValue = ondemand switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw ApiErrors.InvalidParameter("is_ondemand_resource must be true or false"),
        };
        var states = RequestReading.Query(context, "state");

        return new JobListQuery
        {
            Offset = RequestReading.QueryInt(context, "offset", 0, 0, int.MaxValue),
            Limit = RequestReading.QueryInt(context, "limit", 10, 1, 100),
            States = states?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            JobId = RequestReading.Query(context, "job_id"),
            VoiceName = RequestReading.Query(context, "voice_name"),
            Tag = RequestReading.Query(context, "tag"),
            JobType = RequestReading.Query(context, "job_type"),
            BatchName = RequestReading.Query(context, "batch_name"),
            IsOndemandResource = ondemandValue,
            CreateSince = Time(context, "create_since"),
            CreateUntil = Time(context, "create_until"),
            UpdateSince = Time(context, "update_since"),
            UpdateUntil = Time(context, "update_until"),
            SortByUpdate = sortKey == "update_time",
            Ascending = sortDir == "asc",
        };
    }

    public bool Matches(EmulatorJob job, string? appUserId) =>
        (appUserId is null || job.AppUserId == appUserId)
        && (States is null || States.Contains(job.State))
        && (JobId is null || job.JobId == JobId)
        && (VoiceName is null || job.VoiceName.Contains(VoiceName, StringComparison.OrdinalIgnoreCase))
        && (Tag is null || job.Tag == Tag)
        && (JobType is null || job.JobType == JobType)
        && (BatchName is null || job.BatchName == BatchName)
        && (IsOndemandResource is null || (job.IsOndemandResource ?? false) == IsOndemandResource)
        && (CreateSince is null || job.CreateTime >= CreateSince)
        && (CreateUntil is null || job.CreateTime <= CreateUntil)
        && (UpdateSince is null || job.LastUpdateTime >= UpdateSince)
        && (UpdateUntil is null || job.LastUpdateTime <= UpdateUntil);

    public IEnumerable<EmulatorJob> Sort(IEnumerable<EmulatorJob> jobs)
    {
        Func<EmulatorJob, DateTimeOffset> key = SortByUpdate ? j => j.LastUpdateTime : j => j.CreateTime;
        // Stable tie-break on job_id so paging is deterministic.
        return Ascending
            ? jobs.OrderBy(key).ThenBy(j => j.JobId, StringComparer.Ordinal)
            : jobs.OrderByDescending(key).ThenByDescending(j => j.JobId, StringComparer.Ordinal);
    }

    private static DateTimeOffset? Time(HttpContext context, string name)
    {
        var text = RequestReading.Query(context, name);
        if (text is null) return null;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            || !(text.EndsWith('Z') || text.EndsWith("z") || text.Length > 6 && (text[^6] is '+' or '-')))
        {
            throw ApiErrors.InvalidParameter($"{name} must be an RFC3339 time such as 2024-01-02T03:04:05Z");
        }
        return value;
    }
}
