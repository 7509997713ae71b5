using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MetaStudio.Voice.Client
{
    /// <summary>The filters and sort order of ListVoiceTrainingJob (reference §1.5).</summary>
    internal sealed class JobListQuery
    {
        public IReadOnlyList<string> States { get; set; } = Array.Empty<string>();
        public string? JobId { get; set; }
        public string? VoiceName { get; set; }
        public string? Tag { get; set; }
        /// <summary>The service's job_type (BASIC, MIDDLE, ADVANCE, ...).</summary>
        public string? JobType { get; set; }
        public string? BatchName { get; set; }
        public DateTime? CreatedAfter { get; set; }
        public DateTime? CreatedBefore { get; set; }
        public DateTime? UpdatedAfter { get; set; }
        public DateTime? UpdatedBefore { get; set; }
        /// <summary>create_time or update_time.</summary>
        public string? SortKey { get; set; }
        /// <summary>asc or desc.</summary>
        public string? SortDirection { get; set; }

        public void AddTo(List<KeyValuePair<string, string?>> query)
        {
            void Add(string key, string? value)
            {
                if (!string.IsNullOrEmpty(value)) query.Add(new KeyValuePair<string, string?>(key, value));
            }

            Add("state", States.Count == 0 ? null : string.Join(",", States.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0)));
            Add("job_id", JobId);
            Add("voice_name", VoiceName);
            Add("tag", Tag?.ToUpperInvariant());
            Add("job_type", JobType);
            Add("batch_name", BatchName);
            Add("create_since", Time(CreatedAfter));
            Add("create_until", Time(CreatedBefore));
            Add("update_since", Time(UpdatedAfter));
            Add("update_until", Time(UpdatedBefore));
            Add("sort_key", SortKey);
            Add("sort_dir", SortDirection);
        }

        /// <summary>RFC 3339 in UTC (the format other MetaStudio APIs take; the reference leaves it open).</summary>
        internal static string? Time(DateTime? value)
        {
            if (!value.HasValue) return null;
            var utc = value.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value.Value, DateTimeKind.Local).ToUniversalTime() : value.Value.ToUniversalTime();
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }
}
