using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Lifecycle;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a voice training job and returns it with its upload targets.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "VoiceTrainingJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class NewVoiceTrainingJobCommand : MetaStudioApiCmdlet
    {
        /// <summary>The voice (timbre) name; it names the voice asset too.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The name of the voice to train.")]
        [ValidateNotNullOrEmpty]
        public string? VoiceName { get; set; }

        /// <summary>Premium (default), Basic, Advanced or ThirdParty.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VoiceTrainingEdition Edition { get; set; } = VoiceTrainingEdition.Premium;

        /// <summary>Package (one zip, default) or Segment (sentence by sentence; Basic and Advanced only).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VoiceTrainingCreateType CreateType { get; set; } = VoiceTrainingCreateType.Package;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSetOrEmpty("ECOMMERCE", "NEWS", "MARKETING", "LIVE", "EDUCATION", "CUSTOMER", "STORYTELLING")]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string? Tag { get; set; }

        /// <summary>Shown in the asset library.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSetOrEmpty("FEMALE", "MALE")]
        [ArgumentCompleter(typeof(SexCompleter))]
        public string? Sex { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSetOrEmpty("CN", "EN")]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string? Language { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Phone { get; set; }

        /// <summary>The id of a related avatar (image) modeling job.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DhtmsJobId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BatchName { get; set; }

        /// <summary>The model's output language (output_language).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? OutputLanguage { get; set; }

        /// <summary>Custom audition text (custom_text).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? CustomText { get; set; }

        /// <summary>Pay per use instead of a purchased resource (is_ondemand_resource).</summary>
        [Parameter]
        public SwitchParameter OnDemandResource { get; set; }

        /// <summary>Services the voice is for: VIDEO_2D, LIVE_2D, CHAT_2D.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSetOrEmpty("VIDEO_2D", "LIVE_2D", "CHAT_2D")]
        [ArgumentCompleter(typeof(SupportedServiceCompleter))]
        public string[]? SupportedService { get; set; }

        /// <summary>Third-party user id sent as X-App-UserId (ASCII only); defaults to the session's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AppUserId { get; set; }

        /// <summary>The training data to upload later (a .zip, a folder or a .wav); travels on the job.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DataPath", "FullName")]
        public string? Path { get; set; }

        private readonly HashSet<(MetaStudioSession, VoiceTrainingEdition)> _quotaChecked = new HashSet<(MetaStudioSession, VoiceTrainingEdition)>();

        protected override void ProcessRecord()
        {
            try
            {
                ValidateAppUserId(AppUserId);
                if (CreateType == VoiceTrainingCreateType.Segment && !EditionInfo.SupportsSegments(Edition))
                    throw new MetaStudioException("CreateTypeNotSupported", MetaStudioErrorKind.InvalidArgument,
                        $"The {Edition} edition takes its data as one package; sentence-by-sentence upload (-CreateType Segment) is for the Basic and Advanced editions.");
                var session = ResolveSession();
                var appUserId = AppUserIdFor(AppUserId, session);
                var request = BuildRequest();
                var dataPath = string.IsNullOrEmpty(Path) ? null : ResolvePath(Path!);

                if (!ShouldProcess($"voice '{VoiceName}' ({Edition} edition, {request.CreateType})", "Create voice training job"))
                    return;

                WarnWhenNoQuotaLeft(session);
                var created = Await(ct => ApiFor(session).CreateTrainingJobAsync(Edition, request, appUserId, Log, ct));
                var job = new VoiceTrainingJob
                {
                    JobId = created.JobId!,
                    VoiceName = request.VoiceName,
                    Edition = Edition.ToString(),
                    JobType = EditionInfo.JobType(Edition),
                    State = "CREATING",
                    CreateType = request.CreateType,
                    Tag = request.Tag,
                    Sex = request.Sex,
                    Language = request.Language,
                    Description = request.Description,
                    Phone = request.Phone,
                    AppUserId = appUserId,
                    BatchName = request.BatchName,
                    OutputLanguage = request.OutputLanguage,
                    DhtmsJobId = request.DhtmsJobId,
                    IsOnDemandResource = request.IsOnDemandResource,
                    CreatedAt = DateTime.UtcNow,
                    ProjectId = session.ProjectId,
                    Path = dataPath,
                    UploadTargets = UploadTargets.From(created.TrainingDataUploadingUrl, created.SegmentUploadingUrl, created.AuthorizationLetterUploadingUrl),
                    Session = session,
                };
                session.Remember(job.JobId, job.VoiceName, job.State);
                WriteVerbose($"Created job {job.JobId} for voice '{job.VoiceName}'.");
                WriteObject(job);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, VoiceName);
            }
        }

        /// <summary>Warns once per edition and session when the tenant has no training resource of the edition left.</summary>
        private void WarnWhenNoQuotaLeft(MetaStudioSession session)
        {
            if (!_quotaChecked.Add((session, Edition))) return;
            try
            {
                var quotas = Await(ct => ApiFor(session).ShowVoiceTrainingQuotasAsync(Log, ct));
                if (Quotas.AvailableFor(quotas, Edition) == 0)
                    WriteWarning($"The tenant has no {Edition} voice training resource left (see Get-VoiceTrainingQuota). Creating the job may fail, or be billed on demand.");
            }
            catch (MetaStudioException ex)
            {
                WriteVerbose($"Could not check the {Edition} quota ({ex.ErrorId}); creating the job anyway.");
            }
        }

        // Empty strings (blank CSV cells) mean "not given" and are left out of the request.
        private CreateTrainingJobRequest BuildRequest() => new CreateTrainingJobRequest
        {
            VoiceName = VoiceName!,
            Tag = Upper(Tag),
            Description = Given(Description),
            Sex = Upper(Sex),
            Language = Upper(Language),
            CreateType = EditionInfo.CreateTypeValue(CreateType),
            Phone = Given(Phone),
            DhtmsJobId = Given(DhtmsJobId),
            BatchName = Given(BatchName),
            OutputLanguage = Given(OutputLanguage),
            CustomText = Given(CustomText),
            IsOnDemandResource = OnDemandResource.IsPresent ? true : (bool?)null,
            SupportedService = SupportedService?.Where(s => !string.IsNullOrEmpty(s)).Select(s => s.ToUpperInvariant()).ToList() is { Count: > 0 } list ? list : null,
        };

        private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private static string? Upper(string? value) => string.IsNullOrEmpty(value) ? null : value!.ToUpperInvariant();
    }
}
