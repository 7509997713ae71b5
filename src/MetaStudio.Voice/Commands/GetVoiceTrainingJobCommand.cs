using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets voice training jobs: by id (ShowVoiceTrainingJob) or as a filtered, paged list (ListVoiceTrainingJob).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VoiceTrainingJob", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class GetVoiceTrainingJobCommand : MetaStudioApiCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";
        /// <summary>The API's largest page.</summary>
        internal const int MaxPageSize = 100;

        /// <summary>One or more job ids; also from the pipeline (strings or objects with a JobId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        /// <summary>Only jobs in these states (CREATING, SYSTEM_AUDITING, ..., SUCCEED, FAILED).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(StateCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? State { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? VoiceName { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(TagCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        /// <summary>Premium, Basic, Advanced, ThirdParty, or a job_type the service names (FLEXUS, ...).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(EditionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Edition { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? BatchName { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime? CreatedAfter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime? CreatedBefore { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime? UpdatedAfter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime? UpdatedBefore { get; set; }

        /// <summary>CreateTime (default) or UpdateTime.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("CreateTime", "UpdateTime")]
        public string SortBy { get; set; } = "CreateTime";

        /// <summary>Oldest first (the service's default is newest first).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Ascending { get; set; }

        /// <summary>Newest first (the default).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        /// <summary>X-App-UserId for the request (ASCII); defaults to the session's.</summary>
        [Parameter]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet) GetById();
            else List();
        }

        private void GetById() => ForEachJobId(JobId!, (id, session) =>
        {
            ValidateAppUserId(AppUserId);
            var info = Await(ct => ApiFor(session).ShowVoiceTrainingJobAsync(id, AppUserIdFor(AppUserId, session), Log, ct));
            WriteObject(VoiceTrainingJob.FromInfo(info, session));
        });

        private void List()
        {
            try
            {
                ValidateAppUserId(AppUserId);
                if (Ascending && Descending)
                    throw new MetaStudioException("ConflictingSortOrder", MetaStudioErrorKind.InvalidArgument, "Pass -Ascending or -Descending, not both.");
                var session = ResolveSession();
                var appUserId = AppUserIdFor(AppUserId, session);
                var query = new JobListQuery
                {
                    States = State ?? Array.Empty<string>(),
                    VoiceName = VoiceName,
                    Tag = Tag,
                    JobType = Edition == null ? null : EditionInfo.JobTypeFor(Edition),
                    BatchName = BatchName,
                    CreatedAfter = CreatedAfter,
                    CreatedBefore = CreatedBefore,
                    UpdatedAfter = UpdatedAfter,
                    UpdatedBefore = UpdatedBefore,
                    SortKey = SortBy == "UpdateTime" ? "update_time" : "create_time",
                    SortDirection = Ascending ? "asc" : "desc",
                };

                // Page through offset/limit ourselves and write each page's jobs as it arrives.
                var wanted = PagingParameters.First;
                if (PagingParameters.Skip > int.MaxValue)
                    throw new MetaStudioException("SkipOutOfRange", MetaStudioErrorKind.InvalidArgument, $"-Skip can be at most {int.MaxValue}.");
                var offset = (int)PagingParameters.Skip;
                ulong written = 0;
                var totalWritten = false;
                while (written < wanted)
                {
                    var limit = (int)Math.Min(MaxPageSize, wanted - written);
                    var pageOffset = offset;
                    var page = Await(ct => ApiFor(session).ListVoiceTrainingJobAsync(query, pageOffset, limit, appUserId, Log, ct));
                    if (PagingParameters.IncludeTotalCount && !totalWritten)
                    {
                        WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, page.Count), 1.0));
                        totalWritten = true;
                    }
                    var jobs = page.Jobs ?? new System.Collections.Generic.List<TrainingJobInfo>();
                    foreach (var info in jobs.Take((int)Math.Min((ulong)jobs.Count, wanted - written)))
                    {
                        WriteObject(VoiceTrainingJob.FromInfo(info, session));
                        written++;
                    }
                    offset += jobs.Count;
                    if (jobs.Count == 0 || offset >= page.Count) break;
                }
            }
            catch (Exception ex)
            {
                WriteFailure(ex, null);
            }
        }
    }
}
